using System.Text.Json.Nodes;

namespace Sagas.Orchestration.Journal;

/// <summary>
/// Every item of a <c>for_each</c> step is done: the step completes with their outputs in list
/// order and the items that failed (<c>{"items": [...], "failed": [...]}</c>).
/// </summary>
public sealed record ItemsGathered
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required JsonObject Output { get; init; }

    public required DateTimeOffset GatheredAt { get; init; }
}
