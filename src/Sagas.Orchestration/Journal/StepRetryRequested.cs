namespace Sagas.Orchestration.Journal;

/// <summary>An operator asked for a failed step (or a failed compensation) to run again.</summary>
public sealed record StepRetryRequested
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    /// <summary>True when it is the step's compensation that runs again.</summary>
    public bool Compensation { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
}
