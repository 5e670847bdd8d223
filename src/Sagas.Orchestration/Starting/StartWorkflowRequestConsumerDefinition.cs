using System.Net.Mime;
using MassTransit;
using Sagas.Contracts;

namespace Sagas.Orchestration.Starting;

/// <summary>
/// The <c>start-workflow</c> endpoint: plain JSON of one message type, from any client. Its
/// exchange and queue are the ones <c>sagas setup</c> declares.
/// </summary>
public sealed class StartWorkflowRequestConsumerDefinition : ConsumerDefinition<StartWorkflowRequestConsumer>
{
    public StartWorkflowRequestConsumerDefinition() => EndpointName = BrokerNames.StartWorkflow;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<StartWorkflowRequestConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // Clients send no MassTransit envelope and no message type: every message here is a request.
        endpointConfigurator.ConfigureConsumeTopology = false;
        endpointConfigurator.DefaultContentType = new ContentType("application/json");
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
    }
}
