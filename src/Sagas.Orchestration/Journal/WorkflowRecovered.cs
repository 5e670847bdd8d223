namespace Sagas.Orchestration.Journal;

/// <summary>
/// A workflow that waited with nothing outstanding was moved again by the sweeper: why it was
/// judged stuck, and what was done (steps planned again, retries fired, attempts timed out).
/// </summary>
public sealed record WorkflowRecovered
{
    public required Guid WorkflowId { get; init; }

    public required string Reason { get; init; }

    public required IReadOnlyList<string> Actions { get; init; }

    public required DateTimeOffset RecoveredAt { get; init; }
}
