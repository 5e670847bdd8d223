using System.Text.Json.Nodes;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>
/// Does nothing and answers at once, so a benchmark measures the orchestration alone. Its input
/// can ask it to fail: <c>"fail": true</c> or <c>"permanent"</c> (not retryable) or
/// <c>"transient"</c> (the first attempt fails, retryable). Undoing a step is as cheap.
/// </summary>
public sealed class NoopService : IStepHandler
{
    private static readonly Task<StepOutcome> Done = Task.FromResult(StepOutcome.Completed(new JsonObject()));
    private static readonly Task<StepOutcome> Permanent = Task.FromResult(StepOutcome.Failed("asked to fail", retryable: false));
    private static readonly Task<StepOutcome> Transient = Task.FromResult(StepOutcome.Failed("asked to fail once"));

    public string Service => "noop";

    public Task<StepOutcome> HandleAsync(StepRequest request, CancellationToken cancellationToken) =>
        request.Input["fail"] switch
        {
            JsonValue value when value.TryGetValue<bool>(out var fail) => fail ? Permanent : Done,
            JsonValue value when value.TryGetValue<string>(out var mode) && mode == "permanent" => Permanent,
            JsonValue value when value.TryGetValue<string>(out var mode) && mode == "transient" && request.Attempt == 1 => Transient,
            _ => Done,
        };

    public Task<StepOutcome> CompensateAsync(StepRequest request, CancellationToken cancellationToken) => Done;
}
