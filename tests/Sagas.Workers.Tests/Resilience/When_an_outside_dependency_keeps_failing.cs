using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace Sagas.Workers.Tests.Resilience;

public sealed class When_an_outside_dependency_keeps_failing
{
    // Three tries of one attempt (two retries) are enough to open the circuit.
    private static readonly Dictionary<string, string?> Breaker = new()
    {
        ["Sagas:Workers:Resilience:Default:BreakerMinimumThroughput"] = "3",
        ["Sagas:Workers:Resilience:Default:BreakerFailureRatio"] = "0.5",
        ["Sagas:Workers:Resilience:Default:BreakDuration"] = "00:00:10",
    };

    private readonly FakeTimeProvider _clock = new();
    private int _calls;

    [Fact]
    public async Task The_circuit_opens_and_the_next_attempt_fails_at_once_without_calling_it()
    {
        using var node = WorkerNode.Start(settings: Breaker, clock: _clock);
        var payment = node.Pipelines.For("payment");

        await Assert.ThrowsAsync<HttpRequestException>(() => payment.ExecuteAsync(Down).AsTask());
        Assert.Equal(3, _calls);
        await Assert.ThrowsAsync<BrokenCircuitException>(() => payment.ExecuteAsync(Down).AsTask());

        Assert.Equal(3, _calls);
        Assert.Equal(2, node.Log.Lines.Count(l => l.Contains("Outside call of service payment failed", StringComparison.Ordinal)));
        Assert.Contains(node.Log.Lines, l => l.StartsWith("Warning: Circuit to the outside of service payment opened for 00:00:10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_circuit_of_another_service_stays_closed()
    {
        using var node = WorkerNode.Start(settings: Breaker, clock: _clock);
        await Assert.ThrowsAsync<HttpRequestException>(() => node.Pipelines.For("payment").ExecuteAsync(Down).AsTask());

        var answer = await node.Pipelines.For("inventory").ExecuteAsync(Up);

        Assert.Equal(4, answer);
    }

    [Fact]
    public async Task After_the_break_a_call_goes_through_and_its_success_closes_the_circuit()
    {
        using var node = WorkerNode.Start(settings: Breaker, clock: _clock);
        var payment = node.Pipelines.For("payment");
        await Assert.ThrowsAsync<HttpRequestException>(() => payment.ExecuteAsync(Down).AsTask());

        _clock.Advance(TimeSpan.FromSeconds(10));
        var answer = await payment.ExecuteAsync(Up);

        Assert.Equal(4, answer);
        Assert.Contains(node.Log.Lines, l => l == "Information: Circuit to the outside of service payment closed; its calls go through again");
    }

    [Fact]
    public async Task An_open_circuit_fails_the_step_attempt_retryably()
    {
        using var node = WorkerNode.Start(new() { ["payment"] = "glitch:3" }, Breaker, _clock);
        await node.Handlers.HandleAsync("payment", WorkerNode.Request(), CancellationToken.None);

        var outcome = await node.Handlers.HandleAsync("payment", WorkerNode.Request(attempt: 2), CancellationToken.None);

        var failure = Assert.IsType<StepOutcome.Failure>(outcome);
        Assert.StartsWith("BrokenCircuitException: ", failure.Reason, StringComparison.Ordinal);
        Assert.True(failure.Retryable);
    }

    private ValueTask<int> Down(CancellationToken cancellationToken)
    {
        _calls++;
        throw new HttpRequestException("the provider is down");
    }

    private ValueTask<int> Up(CancellationToken cancellationToken) => ValueTask.FromResult(++_calls);
}
