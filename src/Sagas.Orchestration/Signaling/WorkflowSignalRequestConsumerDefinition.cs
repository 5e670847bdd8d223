using System.Net.Mime;
using MassTransit;
using Sagas.Contracts;

namespace Sagas.Orchestration.Signaling;

/// <summary>
/// The <c>workflow-signal</c> endpoint: plain JSON of one message type, from any client, as the
/// <c>start-workflow</c> endpoint is. Its exchange and queue are the ones <c>sagas setup</c> declares.
/// </summary>
public sealed class WorkflowSignalRequestConsumerDefinition : ConsumerDefinition<WorkflowSignalRequestConsumer>
{
    public WorkflowSignalRequestConsumerDefinition() => EndpointName = BrokerNames.WorkflowSignal;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<WorkflowSignalRequestConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.ConfigureConsumeTopology = false;
        endpointConfigurator.DefaultContentType = new ContentType("application/json");
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
    }
}
