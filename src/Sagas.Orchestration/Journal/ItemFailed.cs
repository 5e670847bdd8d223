namespace Sagas.Orchestration.Journal;

/// <summary>
/// An item of a <c>for_each</c> step with <c>on_item_failure: continue</c> failed for good (its
/// retries spent): it is listed in the step's output, and the other items go on.
/// </summary>
public sealed record ItemFailed
{
    public required Guid WorkflowId { get; init; }

    /// <summary>The item's own step id, <c>STEP[INDEX]</c>.</summary>
    public required string StepId { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset FailedAt { get; init; }
}
