using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Recovery;

namespace Sagas.Orchestration.Tests.Workflows;

public sealed class When_a_step_fails_and_is_retried : IAsyncLifetime
{
    // No jitter, so the delays are exact: 200 ms, then 400 ms.
    private static readonly OrchestrationOptions Options = new() { Retry = RetryPolicy.Default with { Jitter = false } };
    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartAsync(options: Options);

    [Fact]
    public async Task A_retryable_failure_dispatches_the_next_attempt_once_its_timer_is_due_and_the_workflow_carries_on()
    {
        var id = await StartAsync("o-1");
        var first = await _harness.DispatchedAsync(id, "reserve-inventory");
        await _harness.FailAsync(first, "inventory database busy", retryable: true);
        await _harness.ConsumedAsync<StepFailed>(m => m.WorkflowId == id);

        var waiting = await _harness.WhenAsync(id, s => s.RetryDue.ContainsKey("reserve-inventory"));
        Assert.Equal(2, waiting.RetryDue["reserve-inventory"]);
        var timer = Assert.Single(_harness.Timers.Pending);
        Assert.Equal(new RetryStep { WorkflowId = id, StepId = "reserve-inventory", Attempt = 2 }, timer.Message);

        // Not yet due: nothing fires.
        Assert.Equal(0, await _harness.AdvanceAsync(TimeSpan.FromMilliseconds(199)));
        Assert.Equal(1, await _harness.AdvanceAsync(TimeSpan.FromMilliseconds(1)));

        var second = await _harness.DispatchedAsync(id, "reserve-inventory", attempt: 2);
        await _harness.CompleteAsync(second, new JsonObject { ["reservationId"] = "r-1" });
        await _harness.DispatchedAsync(id, "charge-payment");
        var state = await _harness.WhenAsync(id, s => s.InFlight.Contains("charge-payment"));
        Assert.Empty(state.RetryDue);
        Assert.Equal("r-1", state.Outputs["reserve-inventory"]!["reservationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_decision_is_recorded_with_the_failure_the_delay_and_the_policy()
    {
        var id = await StartAsync("o-2");
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), "inventory database busy", retryable: true);

        var state = await _harness.WhenAsync(id, s => s.RetryDue.ContainsKey("reserve-inventory"));

        var decision = Assert.Single(state.PendingEvents.OfType<StepRetryScheduled>());
        Assert.Equal((1, 2, TimeSpan.FromMilliseconds(200), "inventory database busy"), (decision.Attempt, decision.NextAttempt, decision.Delay, decision.Reason));
        Assert.Equal(decision.ScheduledAt + decision.Delay, decision.DueAt);
        Assert.Equal("3 attempts, exponential from 200 ms up to 10000 ms", decision.Policy);
    }

    [Fact]
    public async Task When_the_attempts_run_out_the_workflow_fails_saying_so()
    {
        var id = await StartAsync("o-3");
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), "busy", retryable: true);
        await _harness.ConsumedAsync<StepFailed>(m => m.WorkflowId == id && m.Attempt == 1);
        await _harness.AdvanceAsync(TimeSpan.FromMilliseconds(200));
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "reserve-inventory", attempt: 2), "busy", retryable: true);
        await _harness.ConsumedAsync<StepFailed>(m => m.WorkflowId == id && m.Attempt == 2);
        Assert.Equal(0, await _harness.AdvanceAsync(TimeSpan.FromMilliseconds(399)));
        await _harness.AdvanceAsync(TimeSpan.FromMilliseconds(1));
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "reserve-inventory", attempt: 3), "still busy", retryable: true);

        var state = await _harness.InStateAsync(id, m => m.Failed);

        Assert.Equal("step 'reserve-inventory' failed (attempt 3 of 3): still busy", state.FailureReason);
        Assert.Empty(_harness.Timers.Pending);
    }

    [Fact]
    public async Task A_permanent_failure_is_not_retried()
    {
        var id = await StartAsync("o-4");
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), "no such product", retryable: false);

        var state = await _harness.InStateAsync(id, m => m.Failed);

        Assert.Equal("step 'reserve-inventory' failed (not retryable): no such product", state.FailureReason);
        Assert.Empty(_harness.Timers.Pending);
    }

    [Fact]
    public async Task A_late_result_of_the_failed_attempt_and_a_repeated_firing_change_nothing()
    {
        var id = await StartAsync("o-5");
        var first = await _harness.DispatchedAsync(id, "reserve-inventory");
        await _harness.FailAsync(first, "busy", retryable: true);
        await _harness.ConsumedAsync<StepFailed>(m => m.WorkflowId == id);
        var timer = Assert.Single(_harness.Timers.Pending);
        await _harness.AdvanceAsync(TimeSpan.FromMilliseconds(200));
        await _harness.DispatchedAsync(id, "reserve-inventory", attempt: 2);

        // The first attempt answers after all, and the timer fires a second time (a relay that
        // died before deleting it): both are consumed and change nothing.
        await _harness.CompleteAsync(first, new JsonObject { ["reservationId"] = "stale" });
        await ManualTimers.SendAsync(timer, _harness.Bus.Bus);
        await _harness.ConsumedAsync<StepCompleted>(m => m.WorkflowId == id && m.Attempt == 1);
        await _harness.ConsumedAsync<RetryStep>(m => m.WorkflowId == id, times: 2);

        var state = await _harness.WhenAsync(id, s => s.InFlight.Contains("reserve-inventory"));
        Assert.Equal(2, state.Attempts["reserve-inventory"]);
        Assert.False(state.Outputs.ContainsKey("reserve-inventory"));
        Assert.Equal(1, _harness.SentSoFar<ExecuteStep>(m => m.WorkflowId == id && m.Attempt == 2));
    }

    [Fact]
    public async Task A_step_waiting_to_retry_is_not_dispatched_afresh_when_a_parallel_step_completes()
    {
        var id = await StartAsync("o-6");
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), new JsonObject { ["reservationId"] = "r" });
        var payment = await _harness.DispatchedAsync(id, "charge-payment");
        var fraud = await _harness.DispatchedAsync(id, "check-fraud");
        await _harness.FailAsync(payment, "gateway timeout", retryable: true);
        await _harness.ConsumedAsync<StepFailed>(m => m.WorkflowId == id);

        await _harness.CompleteAsync(fraud);
        var state = await _harness.WhenAsync(id, s => s.Outputs.ContainsKey("check-fraud"));

        Assert.Equal(1, state.Attempts["charge-payment"]);
        Assert.Equal(1, _harness.SentSoFar<ExecuteStep>(m => m.WorkflowId == id && m.StepId == "charge-payment"));
    }

    [Fact]
    public async Task A_service_can_have_a_retry_policy_of_its_own()
    {
        await _harness.DisposeAsync();
        var options = new OrchestrationOptions { Retry = Options.Retry, ServiceRetry = { ["inventory"] = new RetryPolicy { MaxAttempts = 1 } } };
        _harness = await OrchestratorHarness.StartAsync(options: options);
        var id = await StartAsync("o-7");

        await _harness.FailAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), "busy", retryable: true);

        var state = await _harness.InStateAsync(id, m => m.Failed);
        Assert.Empty(_harness.Timers.Pending);
        Assert.Contains("failed: busy", state.FailureReason);
    }

    private Task<Guid> StartAsync(string orderId) =>
        _harness.StartAsync("order-fulfilment", new JsonObject { ["orderId"] = orderId, ["amount"] = 5 });

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
