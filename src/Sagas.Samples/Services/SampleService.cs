using System.Text.Json.Nodes;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>
/// A sample service: applies its simulation, then produces a deterministic output from the input
/// in a call to the outside, run in the request's <see cref="StepRequest.Outside"/> pipeline.
/// </summary>
public abstract class SampleService(SampleOptions options, TimeProvider clock, SideEffectLedger ledger) : IStepHandler
{
    // Calls of this service told to flap, counted in this process: the flapping is the service's, not a run's.
    private long _flappingCalls;

    public abstract string Service { get; }

    public Task<StepOutcome> HandleAsync(StepRequest request, CancellationToken cancellationToken) =>
        RunAsync(Service, request, Produce, cancellationToken);

    /// <summary>Undoes the step; its simulation is keyed <c>SERVICE-compensation</c> (e.g. <c>"payment-compensation": "permanent"</c>).</summary>
    public Task<StepOutcome> CompensateAsync(StepRequest request, CancellationToken cancellationToken) =>
        RunAsync($"{Service}-compensation", request, Undo, cancellationToken);

    protected abstract JsonObject Produce(StepRequest request);

    /// <summary>What undoing the step yields; services with something to say override it.</summary>
    protected virtual JsonObject Undo(StepRequest request) => new() { ["undone"] = request.StepId };

    private async Task<StepOutcome> RunAsync(string simulationKey, StepRequest request, Func<StepRequest, JsonObject> work, CancellationToken cancellationToken)
    {
        var simulation = Simulation.For(simulationKey, request.Input, options);
        if (simulation.Delay > TimeSpan.Zero)
        {
            // Simulated latency of the service itself, not a wait for the system.
            await Task.Delay(simulation.Delay, clock, cancellationToken);
        }

        if (simulation.Hang)
        {
            // No answer for ten minutes from the dispatch: the orchestrator's step timeout is what
            // ends the attempt. Bounded by the dispatch time, so a hung command redelivered after a
            // restart does not hold a worker's slot again.
            var until = request.DispatchedAt + Simulation.HangFor - clock.GetUtcNow();
            if (until > TimeSpan.Zero)
            {
                await Task.Delay(until, clock, cancellationToken);
            }

            return StepOutcome.Failed($"simulated hang of {simulationKey}: no answer for {Simulation.HangFor.TotalMinutes:0} minutes");
        }

        if (simulation.Throw)
        {
            throw new InvalidOperationException($"simulated crash in {simulationKey}");
        }

        if (simulation.FlappingRun > 0 && simulation.FlapsDown(Interlocked.Increment(ref _flappingCalls)))
        {
            return StepOutcome.Failed($"simulated flapping of {simulationKey}: down for this call");
        }

        if (simulation.FailsTransiently(request.Attempt))
        {
            return StepOutcome.Failed($"simulated transient failure of {simulationKey} (attempt {request.Attempt}; the first {simulation.TransientFailures} fail)");
        }

        if (simulation.Fail)
        {
            return StepOutcome.Failed($"simulated failure of {simulationKey}", retryable: false);
        }

        // The work stands for a call to the service's provider, so it runs in the worker's pipeline
        // for outside calls; the tries are counted per attempt, as a glitch is.
        // Recorded under the command's idempotency key: a retried or redelivered command whose
        // effect already happened gets the recorded result, and the effect is not repeated.
        var tries = 0;
        var output = await ledger.OnceAsync(simulationKey, request.IdempotencyKey, request.Attempt, ct => request.Outside.ExecuteAsync(
            _ =>
            {
                var @try = ++tries;
                if (simulation.GlitchesOn(@try))
                {
                    throw new HttpRequestException($"simulated glitch of {simulationKey}'s provider (try {@try})");
                }

                return ValueTask.FromResult(request.Attempt <= simulation.IncompleteAttempts ? [] : work(request));
            },
            ct), cancellationToken);
        return StepOutcome.Completed(output);
    }

    protected static string Text(StepRequest request, string field) => request.Input[field]?.ToString() ?? "none";
}
