namespace Sagas.Orchestration.Workflows;

/// <summary>Where a workflow instance stands. Stored as a string; the terminal ones are kept, never deleted.</summary>
public enum WorkflowStatus
{
    Running,
    Completed,
    Failed,
    Rejected,
}
