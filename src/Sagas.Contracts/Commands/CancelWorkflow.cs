namespace Sagas.Contracts.Commands;

/// <summary>Stop a running workflow: nothing more is dispatched, completed steps are compensated, and it ends <c>Cancelled</c>.</summary>
public sealed record CancelWorkflow : IWorkflowMessage
{
    public required Guid WorkflowId { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
}
