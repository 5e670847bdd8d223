using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Recovery;

namespace Sagas.Orchestration.Tests.Workflows;

public sealed class When_a_step_times_out : IAsyncLifetime
{
    private static readonly OrchestrationOptions Options = new()
    {
        Retry = RetryPolicy.Default with { Jitter = false },
        StepTimeout = TimeSpan.FromSeconds(30),
        ServiceTimeout = { ["fraud"] = TimeSpan.FromSeconds(5) },
    };

    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartAsync(options: Options);

    [Fact]
    public async Task Each_dispatch_arms_a_timeout_for_its_attempt_and_a_result_cancels_it()
    {
        var id = await StartAsync("o-1");
        var reserve = await _harness.DispatchedAsync(id, "reserve-inventory");
        await _harness.WhenAsync(id, s => s.StepTimers.ContainsKey("reserve-inventory"));
        var timeout = Assert.Single(_harness.Timers.Pending);
        Assert.Equal(new StepTimeoutElapsed { WorkflowId = id, StepId = "reserve-inventory", Attempt = 1 }, timeout.Message);
        Assert.Equal(reserve.DispatchedAt + TimeSpan.FromSeconds(30), timeout.DueAt);

        await _harness.CompleteAsync(reserve, new JsonObject { ["reservationId"] = "r" });
        await _harness.ConsumedAsync<StepCompleted>(m => m.WorkflowId == id);

        // The next two steps have their own timers (fraud's service timeout is 5 s); reserve's is gone.
        var pending = _harness.Timers.Pending.Select(t => (StepTimeoutElapsed)t.Message).ToList();
        Assert.Equal(["check-fraud", "charge-payment"], pending.Select(t => t.StepId));
        Assert.Equal(TimeSpan.FromSeconds(5), _harness.Timers.Pending.First().DueAt - reserve.DispatchedAt);
    }

    [Fact]
    public async Task No_result_in_time_is_a_failed_attempt_the_retry_goes_out_and_the_late_result_is_ignored()
    {
        var id = await StartAsync("o-2");
        var first = await _harness.DispatchedAsync(id, "reserve-inventory");
        await _harness.WhenAsync(id, s => s.StepTimers.ContainsKey("reserve-inventory"));

        Assert.Equal(0, await _harness.AdvanceAsync(TimeSpan.FromSeconds(29)));
        Assert.Equal(1, await _harness.AdvanceAsync(TimeSpan.FromSeconds(1)));
        await _harness.ConsumedAsync<StepTimeoutElapsed>(m => m.WorkflowId == id);
        var waiting = await _harness.WhenAsync(id, s => s.RetryDue.ContainsKey("reserve-inventory"));
        Assert.Equal(new { Attempt = 1, Timeout = TimeSpan.FromSeconds(30) },
            waiting.PendingEvents.OfType<StepTimedOut>().Select(e => new { e.Attempt, e.Timeout }).Single());
        Assert.Equal("no result within 30 s", waiting.PendingEvents.OfType<StepRetryScheduled>().Single().Reason);

        await _harness.AdvanceAsync(TimeSpan.FromMilliseconds(200));
        var second = await _harness.DispatchedAsync(id, "reserve-inventory", attempt: 2);
        await _harness.CompleteAsync(first, new JsonObject { ["reservationId"] = "late" });
        await _harness.CompleteAsync(second, new JsonObject { ["reservationId"] = "on-time" });

        var state = await _harness.WhenAsync(id, s => s.Outputs.ContainsKey("reserve-inventory"));
        Assert.Equal("on-time", state.Outputs["reserve-inventory"]!["reservationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_step_that_keeps_timing_out_fails_the_workflow_when_its_attempts_run_out()
    {
        await _harness.DisposeAsync();
        _harness = await OrchestratorHarness.StartAsync(options: new OrchestrationOptions { Retry = new RetryPolicy { MaxAttempts = 1 }, StepTimeout = TimeSpan.FromSeconds(10) });
        var id = await StartAsync("o-3");
        await _harness.DispatchedAsync(id, "reserve-inventory");
        await _harness.WhenAsync(id, s => s.StepTimers.ContainsKey("reserve-inventory"));

        await _harness.AdvanceAsync(TimeSpan.FromSeconds(10));

        var state = await _harness.InStateAsync(id, m => m.Failed);
        Assert.Equal("step 'reserve-inventory' failed: no result within 10 s", state.FailureReason);
        // The attempt may have reserved the stock: the run's end undoes it by key, and that undo's
        // timeout is the one timer the ended run keeps.
        var undo = await _harness.CompensationDispatchedAsync(id, "reserve-inventory");
        Assert.True(undo.MaybeCompleted);
        Assert.Equal(($"{id:N}/reserve-inventory", "inventory", 1), (undo.EffectKey, undo.EffectService, undo.EffectAttempt));
        var timer = Assert.Single(_harness.Timers.Pending);
        Assert.Equal($"{id:N}/reserve-inventory@inventory", Assert.IsType<StepTimeoutElapsed>(timer.Message).Effect);
    }

    private Task<Guid> StartAsync(string orderId) =>
        _harness.StartAsync("order-fulfilment", new JsonObject { ["orderId"] = orderId, ["amount"] = 5 });

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
