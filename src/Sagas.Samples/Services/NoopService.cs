using System.Text.Json.Nodes;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>
/// Does nothing and answers at once, so a benchmark measures the orchestration alone. Its input
/// can ask it to fail: <c>"fail": true</c> or <c>"permanent"</c> (not retryable) or
/// <c>"transient"</c> (the first attempt fails, retryable). Undoing a step is as cheap. A
/// simulation of <c>noop</c> (<c>slow:MS</c>, <c>flapping:N</c>, any of <see cref="SimulatedFaults"/>;
/// from the settings or <see cref="SampleOptions.SimulationFile"/>) makes one instance slow or
/// failing for a benchmark.
/// </summary>
public sealed class NoopService(SampleOptions options, TimeProvider clock) : IStepHandler
{
    private static readonly Task<StepOutcome> Done = Task.FromResult(StepOutcome.Completed(new JsonObject()));
    private static readonly Task<StepOutcome> Permanent = Task.FromResult(StepOutcome.Failed("asked to fail", retryable: false));
    private static readonly Task<StepOutcome> Transient = Task.FromResult(StepOutcome.Failed("asked to fail once"));

    private readonly SimulatedFaults _faults = new(clock);

    public string Service => "noop";

    // Without a simulation, no state machine on the benchmark's path.
    public Task<StepOutcome> HandleAsync(StepRequest request, CancellationToken cancellationToken) =>
        options.Simulate.Count == 0 && options.SimulationFile is null ? AnswerAsync(request) : SimulatedAsync(request, cancellationToken);

    public Task<StepOutcome> CompensateAsync(StepRequest request, CancellationToken cancellationToken) => Done;

    // Read as every sample service reads it (the run's input, then the file, then the settings), and acted on the same way.
    private async Task<StepOutcome> SimulatedAsync(StepRequest request, CancellationToken cancellationToken) =>
        await _faults.BeforeWorkAsync(Service, Simulation.For(Service, request.Input, options), request, cancellationToken) ?? await AnswerAsync(request);

    private static Task<StepOutcome> AnswerAsync(StepRequest request) =>
        request.Input["fail"] switch
        {
            JsonValue value when value.TryGetValue<bool>(out var fail) => fail ? Permanent : Done,
            JsonValue value when value.TryGetValue<string>(out var mode) && mode == "permanent" => Permanent,
            JsonValue value when value.TryGetValue<string>(out var mode) && mode == "transient" && request.Attempt == 1 => Transient,
            _ => Done,
        };
}
