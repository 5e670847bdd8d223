using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;

namespace Sagas.Workers.Tests.Resilience;

public sealed class When_an_outside_call_is_slow
{
    private readonly FakeTimeProvider _clock = new();
    private int _tries;

    [Fact]
    public async Task A_try_slower_than_the_timeout_is_cancelled_and_the_next_try_answers()
    {
        using var node = WorkerNode.Start(settings: new() { ["Sagas:Workers:Resilience:Services:payment:Timeout"] = "00:00:01" }, clock: _clock);

        var execution = node.Pipelines.For("payment").ExecuteAsync(FirstTryHangs);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(2, await execution);
    }

    [Fact]
    public async Task With_no_retries_left_the_timeout_escapes()
    {
        using var node = WorkerNode.Start(
            settings: new()
            {
                ["Sagas:Workers:Resilience:Services:payment:Timeout"] = "00:00:01",
                ["Sagas:Workers:Resilience:Services:payment:Retries"] = "0",
            },
            clock: _clock);

        var execution = node.Pipelines.For("payment").ExecuteAsync(FirstTryHangs);
        _clock.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<TimeoutRejectedException>(execution.AsTask);
        Assert.Equal(1, _tries);
    }

    [Fact]
    public async Task A_cancelled_step_is_not_tried_again()
    {
        using var node = WorkerNode.Start(clock: _clock);
        using var step = new CancellationTokenSource();

        var execution = node.Pipelines.For("payment").ExecuteAsync(FirstTryHangs, step.Token);
        await step.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(execution.AsTask);
        Assert.Equal(1, _tries);
    }

    private async ValueTask<int> FirstTryHangs(CancellationToken cancellationToken)
    {
        var @try = ++_tries;
        if (@try == 1)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        return @try;
    }
}
