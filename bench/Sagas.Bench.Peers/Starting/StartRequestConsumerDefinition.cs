using System.Net.Mime;
using MassTransit;
using Sagas.Contracts;

namespace Sagas.Bench.Peers.Starting;

/// <summary>The <c>start-workflow</c> endpoint (its exchange and queue declared here): plain JSON of one message type.</summary>
public sealed class StartRequestConsumerDefinition : ConsumerDefinition<StartRequestConsumer>
{
    public StartRequestConsumerDefinition() => EndpointName = BrokerNames.StartWorkflow;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<StartRequestConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // Clients send no envelope and no message type: every message here is a start.
        endpointConfigurator.ConfigureConsumeTopology = false;
        endpointConfigurator.DefaultContentType = new ContentType("application/json");
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
    }
}
