namespace Sagas.Orchestration.Workflows;

public static class WorkflowStatusFacts
{
    /// <summary>
    /// True once the workflow stopped moving by itself: it ended, or it needs an operator.
    /// Running and Compensating workflows still have work under way.
    /// </summary>
    public static bool IsSettled(this WorkflowStatus status) => status is not (WorkflowStatus.Running or WorkflowStatus.Compensating);
}
