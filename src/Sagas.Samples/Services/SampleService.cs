using System.Text.Json.Nodes;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>A sample service: applies its simulation, then produces a deterministic output from the input.</summary>
public abstract class SampleService(SampleOptions options, TimeProvider clock) : IStepHandler
{
    public abstract string Service { get; }

    public async Task<StepOutcome> HandleAsync(StepRequest request, CancellationToken cancellationToken)
    {
        var simulation = Simulation.For(Service, request.Input, options);
        if (simulation.Delay > TimeSpan.Zero)
        {
            // Simulated latency of the service itself, not a wait for the system.
            await Task.Delay(simulation.Delay, clock, cancellationToken);
        }

        if (simulation.Hang)
        {
            // Never answers: the orchestrator's step timeout is what ends this attempt.
            await Task.Delay(Timeout.InfiniteTimeSpan, clock, cancellationToken);
        }

        if (simulation.Throw)
        {
            throw new InvalidOperationException($"simulated crash in {Service}");
        }

        if (simulation.FailsTransiently(request.Attempt))
        {
            return StepOutcome.Failed($"simulated transient failure of {Service} (attempt {request.Attempt}; the first {simulation.TransientFailures} fail)");
        }

        return simulation.Fail
            ? StepOutcome.Failed($"simulated failure of {Service}", retryable: false)
            : StepOutcome.Completed(Produce(request));
    }

    protected abstract JsonObject Produce(StepRequest request);

    protected static string Text(StepRequest request, string field) => request.Input[field]?.ToString() ?? "none";
}
