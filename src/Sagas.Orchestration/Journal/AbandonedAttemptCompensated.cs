namespace Sagas.Orchestration.Journal;

/// <summary>
/// The decision to undo what an abandoned attempt may have done: it timed out (or the run ended
/// while it was out), and then the step moved to another service, or the run ended without
/// keeping a result of it there. Its undo goes to the service that may have done it, by the
/// effect's key; the dispatches follow as <see cref="CompensationDispatched"/>.
/// </summary>
public sealed record AbandonedAttemptCompensated
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    /// <summary>The service that may have done the step's work.</summary>
    public required string Service { get; init; }

    /// <summary>The latest attempt there that was abandoned.</summary>
    public required int Attempt { get; init; }

    /// <summary>The idempotency key its effect would be recorded under.</summary>
    public required string EffectKey { get; init; }

    /// <summary>Why the effect must not stand: the failover, the run's end, or a late success.</summary>
    public required string Reason { get; init; }

    public required DateTimeOffset DecidedAt { get; init; }
}
