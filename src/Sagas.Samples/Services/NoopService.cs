using System.Text.Json.Nodes;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>
/// Does nothing and answers at once, so a benchmark measures the orchestration alone. Fails
/// (not retryable) when its input says <c>"fail": true</c>.
/// </summary>
public sealed class NoopService : IStepHandler
{
    private static readonly Task<StepOutcome> Done = Task.FromResult(StepOutcome.Completed(new JsonObject()));

    public string Service => "noop";

    public Task<StepOutcome> HandleAsync(StepRequest request, CancellationToken cancellationToken) =>
        request.Input["fail"] is JsonValue fail && fail.TryGetValue<bool>(out var shouldFail) && shouldFail
            ? Task.FromResult(StepOutcome.Failed("asked to fail", retryable: false))
            : Done;
}
