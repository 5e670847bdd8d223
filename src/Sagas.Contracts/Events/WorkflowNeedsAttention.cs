namespace Sagas.Contracts.Events;

/// <summary>
/// A compensation kept failing after its retries: the workflow waits for an operator
/// (<c>sagas retry</c>) with the reason.
/// </summary>
public sealed record WorkflowNeedsAttention : IWorkflowMessage
{
    public required Guid WorkflowId { get; init; }

    public required string Definition { get; init; }

    public required string StepId { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset At { get; init; }
}
