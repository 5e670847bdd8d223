using System.Text.Json.Nodes;

namespace Sagas.Orchestration.Journal;

/// <summary>
/// A success arrived for an attempt the run no longer awaited (it had timed out, or the run had
/// ended): recorded, so the history shows the effect happened, without changing the outcome.
/// </summary>
public sealed record AbandonedAttemptCompleted
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Service { get; init; }

    public JsonNode? Output { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }
}
