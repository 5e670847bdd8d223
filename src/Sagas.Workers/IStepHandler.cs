namespace Sagas.Workers;

/// <summary>
/// A service: runs one attempt of a step. Return <see cref="StepOutcome.Completed"/> with the
/// output, or <see cref="StepOutcome.Failed"/> with a reason; an exception thrown here also
/// becomes a failure with its message as the reason.
/// </summary>
public interface IStepHandler
{
    /// <summary>The service name, which is also the name of the queue the handler consumes.</summary>
    string Service { get; }

    Task<StepOutcome> HandleAsync(StepRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Undoes a step's effect (a definition's <c>compensate:</c> names this service). The request's
    /// input is the compensation's mapped input, as far as it resolves; the effect is addressed by
    /// <see cref="StepRequest.EffectKey"/> and <see cref="StepRequest.EffectService"/>, the key and
    /// service it was recorded under. The contract: undoing an effect that never happened (a
    /// <see cref="StepRequest.MaybeCompleted"/> attempt that did nothing) succeeds and does
    /// nothing; an undone key is tombstoned, so a command of that key that arrives later (requeued
    /// after a crash) does nothing either; and an undo, like a step, is idempotent under its own
    /// <see cref="StepRequest.IdempotencyKey"/>. By default a service cannot undo anything.
    /// </summary>
    Task<StepOutcome> CompensateAsync(StepRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(StepOutcome.Failed($"service '{Service}' does not implement compensation", retryable: false));
}
