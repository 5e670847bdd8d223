namespace Sagas.Orchestration.Journal;

/// <summary>
/// A step's child run is asked to stop (its parent is ending, or gave up waiting for it): the child
/// undoes what it did and ends Cancelled, which ends the step's attempt.
/// </summary>
public sealed record ChildCancelRequested
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required Guid ChildId { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
}
