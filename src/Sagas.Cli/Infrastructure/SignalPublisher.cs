using Sagas.Contracts;
using Sagas.Orchestration.Signaling;

namespace Sagas.Cli.Infrastructure;

/// <summary>Publishes a signal as any client does: plain JSON to the <c>workflow-signal</c> exchange, confirmed.</summary>
internal static class SignalPublisher
{
    public static Task PublishAsync(RabbitMqSettings settings, WorkflowSignalRequest request, CancellationToken cancellationToken) =>
        ClientPublisher.PublishAsync(settings, BrokerNames.WorkflowSignal, "sagas signal", [request], r => r.SignalId, null, cancellationToken);
}
