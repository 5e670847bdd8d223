namespace Sagas.Orchestration.Journal;

/// <summary>
/// An attempt of a step failed and another is due after <see cref="Delay"/>: the decision with
/// the values that led to it (the failure, the policy), recorded once and never recomputed.
/// </summary>
public sealed record StepRetryScheduled
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    /// <summary>The attempt that failed.</summary>
    public required int Attempt { get; init; }

    public required int NextAttempt { get; init; }

    public required TimeSpan Delay { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Why the attempt failed, as its service said.</summary>
    public required string Reason { get; init; }

    /// <summary>The retry policy in force, in words (<see cref="RetryPolicy.ToString"/>).</summary>
    public required string Policy { get; init; }

    /// <summary>True when it is the step's compensation that is tried again.</summary>
    public bool Compensation { get; init; }

    /// <summary>Set when it is the undo of an abandoned attempt's effect that is tried again (<see cref="Workflows.AbandonedEffect.Id"/>).</summary>
    public string? Effect { get; init; }

    public required DateTimeOffset ScheduledAt { get; init; }
}
