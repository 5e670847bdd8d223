namespace Sagas.Orchestration.Journal;

/// <summary>
/// The undo of an abandoned attempt's effect failed for good: the effect may stand. The run keeps
/// its outcome; this event and the warning logged with it tell an operator what to settle by hand.
/// </summary>
public sealed record AbandonedEffectLeft
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required string Service { get; init; }

    public required string EffectKey { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset At { get; init; }
}
