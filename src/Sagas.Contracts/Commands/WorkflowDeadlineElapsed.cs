namespace Sagas.Contracts.Commands;

/// <summary>The orchestrator's own timer firing: the workflow's deadline has come (the state machine's <c>Schedule</c>).</summary>
public sealed record WorkflowDeadlineElapsed : IWorkflowMessage
{
    public required Guid WorkflowId { get; init; }
}
