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
    /// Undoes a completed step (a definition's <c>compensate:</c> names this service). The request's
    /// input is the compensation's mapped input. By default a service cannot undo anything.
    /// </summary>
    Task<StepOutcome> CompensateAsync(StepRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(StepOutcome.Failed($"service '{Service}' does not implement compensation", retryable: false));
}
