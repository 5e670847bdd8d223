namespace Sagas.Orchestration.Workflows;

/// <summary>Where a workflow instance stands. Stored as a string; the terminal ones are kept, never deleted.</summary>
public enum WorkflowStatus
{
    Running,
    Completed,
    Failed,
    Rejected,

    /// <summary>Undoing completed steps after a failure, a cancel or a deadline.</summary>
    Compensating,

    /// <summary>Could not complete; every completed step that declares a compensation was undone.</summary>
    Compensated,

    /// <summary>A compensation failed for good; waits for an operator's <c>sagas retry</c>.</summary>
    NeedsAttention,

    /// <summary>Cancelled by an operator, its completed steps compensated.</summary>
    Cancelled,
}
