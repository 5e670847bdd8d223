namespace Sagas.Contracts.Commands;

/// <summary>
/// Undo what a step did (the one <c>StepId</c> names): sent to the compensating service's queue,
/// answered with <c>StepCompensated</c> or <c>StepCompensationFailed</c>. The effect to undo is
/// addressed by the key and service it was recorded under (<see cref="EffectKey"/>,
/// <see cref="EffectService"/>), so it can be undone when no output of it was ever seen.
/// </summary>
public sealed record CompensateStep : StepCommand
{
    /// <summary>The idempotency key the step's effect was recorded under (not this undo's own key).</summary>
    public string EffectKey { get; init; } = string.Empty;

    /// <summary>The service that did (or may have done) the effect: where the step ran.</summary>
    public string EffectService { get; init; } = string.Empty;

    /// <summary>The step's attempt whose effect is undone.</summary>
    public int EffectAttempt { get; init; }

    /// <summary>
    /// True when no result of that attempt was kept (it timed out, or the run moved on without
    /// it): the effect may or may not have happened. Undoing one that never happened succeeds and
    /// does nothing; either way the key is tombstoned, so a late execution of it does nothing.
    /// </summary>
    public bool MaybeCompleted { get; init; }
}
