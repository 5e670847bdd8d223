using Sagas.Contracts;
using Sagas.Orchestration.Starting;

namespace Sagas.Cli.Infrastructure;

/// <summary>Publishes starts as any client does: plain JSON to the <c>start-workflow</c> exchange, each confirmed.</summary>
internal static class StartPublisher
{
    public static Task PublishAsync(RabbitMqSettings settings, StartWorkflowRequest request, Func<StartWorkflowRequest, Task>? confirmed, CancellationToken cancellationToken) =>
        PublishAsync(settings, [request], confirmed, cancellationToken);

    /// <summary>Publishes each request and waits for its confirm; <paramref name="confirmed"/> hears of each once the broker has it.</summary>
    public static Task PublishAsync(
        RabbitMqSettings settings, IReadOnlyList<StartWorkflowRequest> requests, Func<StartWorkflowRequest, Task>? confirmed, CancellationToken cancellationToken) =>
        ClientPublisher.PublishAsync(settings, BrokerNames.StartWorkflow, "sagas start", requests, r => r.WorkflowId, confirmed, cancellationToken);
}
