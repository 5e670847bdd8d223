namespace Sagas.Contracts.Events;

/// <summary>A start could not begin a workflow (unknown definition, invalid input); nothing ran.</summary>
public sealed record WorkflowRejected : IWorkflowMessage
{
    public required Guid WorkflowId { get; init; }

    public required string Definition { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset RejectedAt { get; init; }
}
