using System.Net.Mime;
using MassTransit;

namespace Sagas.Orchestration.Starting;

/// <summary>
/// An endpoint that clients in any language publish plain JSON to (<c>start-workflow</c>,
/// <c>workflow-signal</c>): no MassTransit envelope and no message type, so every message there is
/// the consumer's one request type. Its exchange and queue are the ones <c>sagas setup</c> declares.
/// </summary>
public abstract class RawJsonConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected RawJsonConsumerDefinition(string endpoint) => EndpointName = endpoint;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ConfigureConsumeTopology = false;
        endpointConfigurator.DefaultContentType = new ContentType("application/json");
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
    }
}
