using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>
/// What a simulation does to a call before the work: wait (<c>slow</c>), hang, throw, flap, fail
/// for the first attempts, or fail for good. One per service in a process, so its flapping is the
/// instance's (counted over its calls), not a run's.
/// </summary>
public sealed class SimulatedFaults(TimeProvider clock)
{
    private long _flappingCalls;

    /// <summary>The call's failure, or null to let the work run; <paramref name="simulationKey"/> names it in the reason.</summary>
    public async Task<StepOutcome?> BeforeWorkAsync(string simulationKey, Simulation simulation, StepRequest request, CancellationToken cancellationToken)
    {
        if (simulation.Delay > TimeSpan.Zero)
        {
            // Simulated latency of the service itself, not a wait for the system.
            await Task.Delay(simulation.Delay, clock, cancellationToken);
        }

        if (simulation.Hang)
        {
            await HangAsync(request, Simulation.HangFor, cancellationToken);
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

        return simulation.Fail ? StepOutcome.Failed($"simulated failure of {simulationKey}", retryable: false) : null;
    }

    /// <summary>
    /// No answer for a while from the dispatch: the orchestrator's timeout is what ends the
    /// attempt. Bounded by the dispatch time, so a hung command redelivered after a restart does
    /// not hold a worker's slot again.
    /// </summary>
    public async Task HangAsync(StepRequest request, TimeSpan hangFor, CancellationToken cancellationToken)
    {
        var until = request.DispatchedAt + hangFor - clock.GetUtcNow();
        if (until > TimeSpan.Zero)
        {
            await Task.Delay(until, clock, cancellationToken);
        }
    }
}
