using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;
using Sagas.Testing;

namespace Sagas.Orchestration.Tests.Abandoned;

/// <summary>
/// An attempt that timed out may have done its work: when its step moves to another service, or
/// the run ends without a result of it, its effect is undone by key on the service that may have
/// done it, once; and a success that arrives after the end is recorded, not lost.
/// </summary>
public sealed class When_an_attempt_is_abandoned : IAsyncLifetime
{
    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartWithPoliciesAsync(OrderFulfilment.OneAttemptThenBackup);

    [Fact]
    public async Task A_failover_after_a_timed_out_charge_undoes_the_charge_on_the_service_it_left()
    {
        var (id, first) = await TimeOutTheChargeAsync("o-1");

        var moved = await _harness.DispatchedAsync(id, "charge-payment", attempt: 2);
        var undo = await _harness.CompensationDispatchedAsync(id, "charge-payment");

        Assert.Equal("payment-backup", moved.Service);
        Assert.True(undo.MaybeCompleted);
        Assert.Equal(("payment", "payment", first.IdempotencyKey, 1), (undo.Service, undo.EffectService, undo.EffectKey, undo.EffectAttempt));
        Assert.Equal($"{id:N}/charge-payment/undo@payment", undo.IdempotencyKey);
        // No output came, so the refund's paymentId is left out: the service finds the charge by its key.
        Assert.Equal("o-1", undo.Input["orderId"]!.GetValue<string>());
        Assert.False(undo.Input.ContainsKey("paymentId"));
        var state = await _harness.WhenAsync(id, s => s.Attempts["charge-payment"] == 2);
        var decided = Assert.Single(state.PendingEvents.OfType<AbandonedAttemptCompensated>());
        Assert.Equal(("payment", 1), (decided.Service, decided.Attempt));
        Assert.StartsWith("step 'charge-payment' moved from 'payment' after attempt 1 there timed out", decided.Reason);
    }

    [Fact]
    public async Task The_run_completes_on_the_alternate_and_the_undo_is_answered_after_its_end()
    {
        var (id, _) = await TimeOutTheChargeAsync("o-2");
        var undo = await _harness.CompensationDispatchedAsync(id, "charge-payment");
        await OrderFulfilment.CompleteFromChargeAsync(_harness, id, await _harness.DispatchedAsync(id, "charge-payment", attempt: 2));
        await _harness.InStateAsync(id, m => m.Completed);

        await _harness.CompensatedAsync(undo);

        var state = await _harness.WhenAsync(id, s => s.AbandonedEffects.Values.Any(e => e.Undone));
        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal(("charge-payment", "payment"), (state.AbandonedEffects.Values.Single().StepId, state.AbandonedEffects.Values.Single().Service));
        // The undo's timer is disarmed by the effects of the answer, which follow the state's change.
        await Eventually.Until(() => !_harness.Timers.Pending.Any(t => t.Message is StepTimeoutElapsed { Effect: not null }), TimeSpan.FromSeconds(5),
            "the undo's timer to be disarmed");
        Assert.Equal(WorkflowReplay.Fingerprint(state), WorkflowReplay.Fingerprint(WorkflowReplay.Rebuild(state.PendingEvents)));
    }

    [Fact]
    public async Task An_undo_that_fails_retryably_is_tried_again_after_its_delay()
    {
        var (id, _) = await TimeOutTheChargeAsync("o-8");
        var undo = await _harness.CompensationDispatchedAsync(id, "charge-payment");

        await _harness.CompensationFailedAsync(undo, "ledger busy", retryable: true);
        await _harness.WhenAsync(id, s => s.AbandonedEffects.Values.Any(e => e.UndoRetryDue == 2));
        await _harness.AdvanceAsync(TimeSpan.FromSeconds(1));

        var again = await _harness.CompensationDispatchedAsync(id, "charge-payment", attempt: 2);
        Assert.Equal((true, "payment", undo.IdempotencyKey), (again.MaybeCompleted, again.EffectService, again.IdempotencyKey));
    }

    [Fact]
    public async Task A_late_success_after_the_workflow_completed_is_recorded_and_the_charge_is_undone_once()
    {
        var (id, first) = await TimeOutTheChargeAsync("o-3");
        await OrderFulfilment.CompleteFromChargeAsync(_harness, id, await _harness.DispatchedAsync(id, "charge-payment", attempt: 2));
        await _harness.InStateAsync(id, m => m.Completed);

        await _harness.CompleteAsync(first, new JsonObject { ["paymentId"] = "pay-o-3" });

        var state = await _harness.WhenAsync(id, s => s.PendingEvents.OfType<AbandonedAttemptCompleted>().Any());
        var late = state.PendingEvents.OfType<AbandonedAttemptCompleted>().Single();
        Assert.Equal((1, "payment", "pay-o-3"), (late.Attempt, late.Service, late.Output!["paymentId"]!.GetValue<string>()));
        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal("bpay-o-3", state.Output!["paymentId"]!.GetValue<string>());
        Assert.Equal(1, _harness.SentSoFar<CompensateStep>(c => c.WorkflowId == id && c.StepId == "charge-payment"));
    }

    [Fact]
    public async Task A_late_success_after_the_workflow_compensated_finds_its_undo_sent_at_the_end()
    {
        await _harness.DisposeAsync();
        _harness = await OrchestratorHarness.StartAsync(options: new OrchestrationOptions { Retry = new RetryPolicy { MaxAttempts = 2, Delay = TimeSpan.FromMinutes(1) } });
        var (id, first) = await TimeOutTheChargeAsync("o-4");
        // The charge waits for its retry when screening finds fraud: the run undoes the reservation and ends.
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "check-fraud"), "fraud suspected", retryable: false);
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(id, "reserve-inventory"));
        await _harness.InStateAsync(id, m => m.Compensated);

        var undo = await _harness.CompensationDispatchedAsync(id, "charge-payment");
        await _harness.CompleteAsync(first, new JsonObject { ["paymentId"] = "pay-o-4" });

        Assert.True(undo.MaybeCompleted);
        Assert.Equal("payment", undo.EffectService);
        var state = await _harness.WhenAsync(id, s => s.PendingEvents.OfType<AbandonedAttemptCompleted>().Any());
        Assert.Equal(WorkflowStatus.Compensated, state.Status);
        Assert.StartsWith("the workflow ended Compensated without a result of attempt 1 of step 'charge-payment' on 'payment'",
            state.PendingEvents.OfType<AbandonedAttemptCompensated>().Single().Reason);
        Assert.Equal(1, _harness.SentSoFar<CompensateStep>(c => c.WorkflowId == id && c.StepId == "charge-payment"));
    }

    [Fact]
    public async Task A_retry_on_the_same_service_is_the_same_effect_and_needs_no_undo()
    {
        await _harness.DisposeAsync();
        _harness = await OrchestratorHarness.StartAsync(options: new OrchestrationOptions { Retry = new RetryPolicy { MaxAttempts = 2, Delay = TimeSpan.FromSeconds(1), Jitter = false } });
        var (id, _) = await TimeOutTheChargeAsync("o-5");
        await _harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        var second = await _harness.DispatchedAsync(id, "charge-payment", attempt: 2);
        Assert.Equal("payment", second.Service);

        await OrderFulfilment.CompleteFromChargeAsync(_harness, id, second);

        var state = await _harness.InStateAsync(id, m => m.Completed);
        Assert.Empty(state.AbandonedEffects);
        Assert.Equal(0, _harness.SentSoFar<CompensateStep>(c => c.WorkflowId == id));
    }

    [Fact]
    public async Task An_undo_that_fails_for_good_keeps_the_outcome_and_records_that_the_effect_may_stand()
    {
        var (id, _) = await TimeOutTheChargeAsync("o-6");
        var undo = await _harness.CompensationDispatchedAsync(id, "charge-payment");

        await _harness.CompensationFailedAsync(undo, "ledger unreachable", retryable: false);

        var state = await _harness.WhenAsync(id, s => s.AbandonedEffects.Values.Any(e => e.Left));
        var left = Assert.Single(state.PendingEvents.OfType<AbandonedEffectLeft>());
        Assert.Equal("the undo of attempt 1 of step 'charge-payment' on 'payment' failed (not retryable): ledger unreachable; its effect may stand", left.Reason);
        Assert.Equal(WorkflowStatus.Running, state.Status);
    }

    [Fact]
    public async Task An_operator_retry_runs_a_step_whose_abandoned_effect_was_undone_under_a_new_key()
    {
        await _harness.DisposeAsync();
        _harness = await OrchestratorHarness.StartAsync(options: new OrchestrationOptions { Retry = new RetryPolicy { MaxAttempts = 1 }, StepTimeout = TimeSpan.FromSeconds(10) });
        var id = await _harness.StartAsync("order-fulfilment", new JsonObject { ["orderId"] = "o-7", ["amount"] = 5 });
        var first = await _harness.DispatchedAsync(id, "reserve-inventory");
        await _harness.WhenAsync(id, s => s.StepTimers.ContainsKey("reserve-inventory"));
        await _harness.AdvanceAsync(TimeSpan.FromSeconds(10));
        await _harness.InStateAsync(id, m => m.Failed);
        await _harness.CompensationDispatchedAsync(id, "reserve-inventory");

        await _harness.RetryAsync(id);

        // The first key is tombstoned by its undo: the retried step would do nothing under it.
        var again = await _harness.DispatchedAsync(id, "reserve-inventory", attempt: 2);
        Assert.Equal($"{first.IdempotencyKey}/run-2", again.IdempotencyKey);
    }

    private async Task<(Guid Id, ExecuteStep FirstCharge)> TimeOutTheChargeAsync(string orderId)
    {
        var id = await _harness.StartAsync("order-fulfilment", new JsonObject { ["orderId"] = orderId, ["amount"] = 10 });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), new JsonObject { ["reservationId"] = $"r-{orderId}" });
        var first = await _harness.DispatchedAsync(id, "charge-payment");
        await _harness.WhenAsync(id, s => s.StepTimers.ContainsKey("charge-payment"));
        await _harness.AdvanceAsync(TimeSpan.FromSeconds(10));
        await _harness.ConsumedAsync<StepTimeoutElapsed>(m => m.WorkflowId == id && m.StepId == "charge-payment");
        return (id, first);
    }


    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
