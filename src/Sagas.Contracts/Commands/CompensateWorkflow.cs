namespace Sagas.Contracts.Commands;

/// <summary>
/// Undo a child workflow that completed: its parent is undoing the step that started it. The child
/// undoes its own completed steps and ends <c>Compensated</c>; a child that did not complete has
/// nothing standing and says so at once. Either way its parent hears it (<c>ChildWorkflowEnded</c>).
/// </summary>
public sealed record CompensateWorkflow : IWorkflowMessage
{
    public required Guid WorkflowId { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
}
