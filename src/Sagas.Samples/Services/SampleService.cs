using System.Text.Json.Nodes;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>
/// A sample service: applies its simulation, then produces a deterministic output from the input
/// in a call to the outside, run in the request's <see cref="StepRequest.Outside"/> pipeline, and
/// records it in the <see cref="SideEffectLedger"/> under the command's idempotency key. Its undo
/// finds the effect by key in the same ledger and tombstones the key.
/// </summary>
/// <remarks>
/// Its health check is the maintenance switch of <see cref="SampleOptions.MaintenanceFile"/>, as a
/// load balancer's drain file is: what an operator flips to take an instance out of the rotation.
/// </remarks>
public abstract class SampleService(SampleOptions options, TimeProvider clock, SideEffectLedger ledger) : IStepHandler, IHealthCheck
{
    private readonly SimulatedFaults _faults = new(clock);

    public abstract string Service { get; }

    public async Task<StepOutcome> HandleAsync(StepRequest request, CancellationToken cancellationToken)
    {
        var simulation = Simulation.For(Service, request.Input, options);
        if (await _faults.BeforeWorkAsync(Service, simulation, request, cancellationToken) is { } failed)
        {
            return failed;
        }

        // Recorded under the command's idempotency key: a retried or redelivered command whose
        // effect already happened gets the recorded result, and the effect is not repeated.
        var output = await ledger.OnceAsync(Service, request.IdempotencyKey, request.Attempt,
            ct => CallOutsideAsync(Service, simulation, request, () => request.Attempt <= simulation.IncompleteAttempts ? [] : Produce(request), ct), cancellationToken);
        if (output is null)
        {
            return StepOutcome.Failed(
                $"the effect of key {request.IdempotencyKey} on {Service} was undone before this command ran; the command does nothing", retryable: false);
        }

        if (simulation.HangsAfterWorkOn(request.Attempt))
        {
            await _faults.HangAsync(request, Simulation.LostAnswerFor, cancellationToken);
            return StepOutcome.Failed($"simulated hang of {Service} after its work (attempt {request.Attempt}): its answer is lost");
        }

        return StepOutcome.Completed(output);
    }

    /// <summary>
    /// Undoes the step's effect, found by its key (<see cref="StepRequest.EffectKey"/>) on the
    /// service that did it; an effect that never happened is not undone, and the key is
    /// tombstoned either way. The simulation is keyed <c>SERVICE-compensation</c> (e.g.
    /// <c>"payment-compensation": "permanent"</c>).
    /// </summary>
    public async Task<StepOutcome> CompensateAsync(StepRequest request, CancellationToken cancellationToken)
    {
        var undoService = $"{Service}-compensation";
        var simulation = Simulation.For(undoService, request.Input, options);
        if (await _faults.BeforeWorkAsync(undoService, simulation, request, cancellationToken) is { } failed)
        {
            return failed;
        }

        if (string.IsNullOrEmpty(request.EffectKey))
        {
            // An orchestrator of an earlier version names no effect: the undo goes by its input alone.
            var undone = await ledger.OnceAsync(undoService, request.IdempotencyKey, request.Attempt,
                ct => CallOutsideAsync(undoService, simulation, request, () => Undo(request, []), ct), cancellationToken);
            return StepOutcome.Completed(undone);
        }

        var output = await ledger.UndoAsync(request.EffectService, request.EffectKey, undoService, request.IdempotencyKey, request.Attempt,
            (effect, ct) => CallOutsideAsync(undoService, simulation, request, () => Undo(request, effect), ct), cancellationToken);
        return StepOutcome.Completed(output);
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.MaintenanceFile is not { Length: > 0 } file || !File.Exists(file))
        {
            return HealthCheckResult.Healthy();
        }

        var named = (await File.ReadAllLinesAsync(file, cancellationToken)).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        return named.Count == 0 || named.Contains(Service, StringComparer.Ordinal)
            ? HealthCheckResult.Unhealthy($"in maintenance while {file} exists")
            : HealthCheckResult.Healthy();
    }

    protected abstract JsonObject Produce(StepRequest request);

    /// <summary>What undoing the step yields, given the effect as it was recorded; services with something to say override it.</summary>
    protected virtual JsonObject Undo(StepRequest request, JsonObject effect) => new() { ["undone"] = request.StepId };

    protected static string Text(StepRequest request, string field) => request.Input[field]?.ToString() ?? "none";

    // The work stands for a call to the service's provider, so it runs in the worker's pipeline
    // for outside calls; the tries are counted per attempt, as a glitch is.
    private static async ValueTask<JsonObject> CallOutsideAsync(
        string simulationKey, Simulation simulation, StepRequest request, Func<JsonObject> work, CancellationToken cancellationToken)
    {
        var tries = 0;
        return await request.Outside.ExecuteAsync(
            _ =>
            {
                var @try = ++tries;
                if (simulation.GlitchesOn(@try))
                {
                    throw new HttpRequestException($"simulated glitch of {simulationKey}'s provider (try {@try})");
                }

                return ValueTask.FromResult(work());
            },
            cancellationToken);
    }
}
