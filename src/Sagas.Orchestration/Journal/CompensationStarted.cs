namespace Sagas.Orchestration.Journal;

/// <summary>
/// The workflow cannot complete (a step failed for good, it was cancelled, or its deadline
/// passed) and it undoes its completed steps from now on, dispatching nothing new.
/// </summary>
public sealed record CompensationStarted
{
    public required Guid WorkflowId { get; init; }

    /// <summary>The step whose failure started it, if a step's did.</summary>
    public string? FailedStep { get; init; }

    public required string Reason { get; init; }

    /// <summary>True when an operator cancelled the workflow: it then ends Cancelled, not Compensated.</summary>
    public bool Cancelled { get; init; }

    /// <summary>The completed steps to undo, and the running steps to await first, as known when it started.</summary>
    public required IReadOnlyList<string> Steps { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
}
