namespace Sagas.Contracts.Events;

/// <summary>A workflow ended without completing: the step that failed it, and why.</summary>
public sealed record WorkflowFailed : IWorkflowMessage
{
    public required Guid WorkflowId { get; init; }

    public required string Definition { get; init; }

    public string? StepId { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset FailedAt { get; init; }
}
