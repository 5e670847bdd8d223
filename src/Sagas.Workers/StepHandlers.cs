using Microsoft.Extensions.Logging;
using Sagas.Workers.Resilience;

namespace Sagas.Workers;

/// <summary>
/// The handlers this node hosts, by service, built once. Runs one attempt of a step or of its
/// compensation: a handler's exception becomes a failure with its message as the reason, and a
/// service this node does not host throws, so the command faults into the error queue and the
/// saga hears of it as a fault. The handler gets its service's pipeline for calls to the outside.
/// </summary>
public sealed class StepHandlers(IEnumerable<IStepHandler> handlers, OutsidePipelines pipelines, ILogger<StepHandlers> logger)
{
    private readonly Dictionary<string, IStepHandler> _byService = handlers.ToDictionary(h => h.Service, StringComparer.Ordinal);

    public Task<StepOutcome> HandleAsync(string service, StepRequest request, CancellationToken cancellationToken) =>
        RunAsync(service, request, "Step", (handler, r, ct) => handler.HandleAsync(r, ct), cancellationToken);

    public Task<StepOutcome> CompensateAsync(string service, StepRequest request, CancellationToken cancellationToken) =>
        RunAsync(service, request, "Compensation of step", (handler, r, ct) => handler.CompensateAsync(r, ct), cancellationToken);

    private async Task<StepOutcome> RunAsync(
        string service, StepRequest request, string what, Func<IStepHandler, StepRequest, CancellationToken, Task<StepOutcome>> run, CancellationToken cancellationToken)
    {
        if (!_byService.TryGetValue(service, out var handler))
        {
            throw new InvalidOperationException($"this node hosts no handler for service '{service}'");
        }

        try
        {
            return await run(handler, request with { Outside = pipelines.For(service) }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "{What} {StepId} of workflow {WorkflowId} threw in service {Service}", what, request.StepId, request.WorkflowId, service);
            return StepOutcome.Failed($"{e.GetType().Name}: {e.Message}");
        }
    }
}
