namespace Sagas.Contracts.Commands;

/// <summary>
/// An operator's retry: run the failed step of a <c>Failed</c> workflow (or the failed compensation
/// of one that <c>NeedsAttention</c>) again, and carry on from there.
/// </summary>
public sealed record RetryWorkflow : IWorkflowMessage
{
    public required Guid WorkflowId { get; init; }

    /// <summary>The step to run again; null for the one that failed.</summary>
    public string? StepId { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
}
