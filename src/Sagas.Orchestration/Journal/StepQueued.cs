namespace Sagas.Orchestration.Journal;

/// <summary>
/// A ready step waits before it is dispatched: for its service's circuit to half-open (until
/// <see cref="Until"/>), for a healthy instance of its service (<see cref="NoHealthyInstance"/>), or for a slot under its service's limits (<see cref="Admission"/>; an
/// admission is due when a slot frees, in order). Nothing waiting is dropped.
/// </summary>
public sealed record StepQueued
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Service { get; init; }

    public required string Reason { get; init; }

    /// <summary>When the step is looked at again; null while it waits for admission.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>True when it waits for a slot under the service's limits.</summary>
    public bool Admission { get; init; }

    /// <summary>
    /// True when it waits because no instance of its service is healthy (its reason starts
    /// <c>no-healthy-instance</c>): looked at again every quarter of the discovery refresh interval,
    /// and failed as an attempt once it has waited its timeout.
    /// </summary>
    public bool NoHealthyInstance { get; init; }

    /// <summary>
    /// True when it waits its turn under its service's adaptive concurrency limit on this
    /// orchestrator (its reason starts <c>adaptive-limit</c>): woken when a slot frees, in order,
    /// and looking again by itself at <see cref="Until"/>.
    /// </summary>
    public bool AdaptiveLimit { get; init; }

    /// <summary>The step's <c>when:</c> that was true, with what it read, when this wait follows that decision.</summary>
    public StepConditionRecord? Condition { get; init; }

    public required DateTimeOffset QueuedAt { get; init; }
}
