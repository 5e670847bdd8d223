using System.Text.Json.Nodes;

namespace Sagas.Workers.Tests.Resilience;

public sealed class When_an_outside_call_glitches
{
    [Fact]
    public async Task A_glitch_within_the_retries_is_absorbed_in_one_attempt()
    {
        using var node = WorkerNode.Start(new() { ["payment"] = "glitch:2" });

        var outcome = await node.Handlers.HandleAsync("payment", WorkerNode.Request(attempt: 1), CancellationToken.None);

        var success = Assert.IsType<StepOutcome.Success>(outcome);
        Assert.Equal("pay-o-1", success.Output["paymentId"]?.GetValue<string>());
        Assert.Collection(
            node.Log.Lines.Where(l => l.Contains("Outside call of service payment failed", StringComparison.Ordinal)),
            line => Assert.Contains("failed on try 1 (HttpRequestException: simulated glitch of payment's provider (try 1))", line, StringComparison.Ordinal),
            line => Assert.Contains("failed on try 2 (HttpRequestException: simulated glitch of payment's provider (try 2))", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_tries_are_counted_afresh_in_each_attempt()
    {
        using var node = WorkerNode.Start(new() { ["payment"] = "glitch:2" });

        var first = await node.Handlers.HandleAsync("payment", WorkerNode.Request(attempt: 1), CancellationToken.None);
        var second = await node.Handlers.HandleAsync("payment", WorkerNode.Request(attempt: 2), CancellationToken.None);

        Assert.IsType<StepOutcome.Success>(first);
        Assert.IsType<StepOutcome.Success>(second);
    }

    [Fact]
    public async Task A_glitch_past_the_retries_fails_the_attempt_for_the_orchestrator_to_retry()
    {
        using var node = WorkerNode.Start(new() { ["payment"] = "glitch:5" });

        var outcome = await node.Handlers.HandleAsync("payment", WorkerNode.Request(), CancellationToken.None);

        var failure = Assert.IsType<StepOutcome.Failure>(outcome);
        Assert.Equal("HttpRequestException: simulated glitch of payment's provider (try 3)", failure.Reason);
        Assert.True(failure.Retryable);
    }

    [Fact]
    public async Task A_compensation_runs_its_outside_call_in_the_same_pipeline()
    {
        using var node = WorkerNode.Start(new() { ["payment-compensation"] = "glitch:1" });
        var request = WorkerNode.Request() with { Input = new JsonObject { ["paymentId"] = "pay-o-1" } };

        var outcome = await node.Handlers.CompensateAsync("payment", request, CancellationToken.None);

        var success = Assert.IsType<StepOutcome.Success>(outcome);
        Assert.Equal("pay-o-1", success.Output["refunded"]?.GetValue<string>());
    }
}
