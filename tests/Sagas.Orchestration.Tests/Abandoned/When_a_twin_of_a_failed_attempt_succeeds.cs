using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Abandoned;

/// <summary>
/// Commands are delivered at least once: a copy of an attempt (redelivered, or sent again by the
/// outbox after a database restart) may do the work while another copy of it failed, and its
/// success arrives when the run awaits another attempt. Found by the chaos suite: the charge stood
/// on payment and on payment-backup. The success is recorded, and the effect undone where the step
/// no longer goes.
/// </summary>
public sealed class When_a_twin_of_a_failed_attempt_succeeds : IAsyncLifetime
{
    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartWithPoliciesAsync(OrderFulfilment.OneAttemptThenBackup);

    [Fact]
    public async Task A_success_on_the_service_the_step_left_is_recorded_and_undone_there_once()
    {
        var (id, first) = await FailTheChargeAsync("o-1");
        var moved = await _harness.DispatchedAsync(id, "charge-payment", attempt: 2);
        Assert.Equal("payment-backup", moved.Service);

        await _harness.CompleteAsync(first, new JsonObject { ["paymentId"] = "pay-o-1" });

        var undo = await _harness.CompensationDispatchedAsync(id, "charge-payment");
        Assert.Equal(("payment", "payment", first.IdempotencyKey, 1), (undo.Service, undo.EffectService, undo.EffectKey, undo.EffectAttempt));
        var state = await _harness.WhenAsync(id, s => s.PendingEvents.OfType<AbandonedAttemptCompensated>().Any());
        var late = Assert.Single(state.PendingEvents.OfType<AbandonedAttemptCompleted>());
        Assert.Equal((1, "payment", "pay-o-1"), (late.Attempt, late.Service, late.Output!["paymentId"]!.GetValue<string>()));
        Assert.Equal("attempt 1 of step 'charge-payment' succeeded on 'payment' after the step had moved to 'payment-backup'",
            state.PendingEvents.OfType<AbandonedAttemptCompensated>().Single().Reason);
        Assert.Equal(2, state.Attempts["charge-payment"]);

        // The run goes on with the backup's charge, and ends with one undo sent, not a second at its end.
        await OrderFulfilment.CompleteFromChargeAsync(_harness, id, moved);
        state = await _harness.InStateAsync(id, m => m.Completed);
        Assert.Equal("bpay-o-1", state.Output!["paymentId"]!.GetValue<string>());
        Assert.Equal(1, _harness.SentSoFar<CompensateStep>(c => c.WorkflowId == id && c.StepId == "charge-payment"));
        Assert.Equal(WorkflowReplay.Fingerprint(state), WorkflowReplay.Fingerprint(WorkflowReplay.Rebuild(state.PendingEvents)));
    }

    [Fact]
    public async Task A_success_on_the_service_the_step_still_goes_to_is_the_same_effect_and_needs_no_undo()
    {
        await _harness.DisposeAsync();
        _harness = await OrchestratorHarness.StartAsync(options: new OrchestrationOptions { Retry = new RetryPolicy { MaxAttempts = 2, Delay = TimeSpan.FromSeconds(1), Jitter = false } });
        var (id, first) = await FailTheChargeAsync("o-2");
        await _harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        var second = await _harness.DispatchedAsync(id, "charge-payment", attempt: 2);
        Assert.Equal("payment", second.Service);

        await _harness.CompleteAsync(first, new JsonObject { ["paymentId"] = "pay-o-2" });
        await _harness.WhenAsync(id, s => s.PendingEvents.OfType<AbandonedAttemptCompleted>().Any());
        await OrderFulfilment.CompleteFromChargeAsync(_harness, id, second);

        var state = await _harness.InStateAsync(id, m => m.Completed);
        Assert.Equal(0, _harness.SentSoFar<CompensateStep>(c => c.WorkflowId == id));
        Assert.Empty(state.PendingEvents.OfType<AbandonedAttemptCompensated>());
    }

    [Fact]
    public async Task A_result_of_the_attempt_awaited_is_taken_as_before()
    {
        var id = await _harness.StartAsync("order-fulfilment", new JsonObject { ["orderId"] = "o-3", ["amount"] = 10 });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), new JsonObject { ["reservationId"] = "r-o-3" });
        var charge = await _harness.DispatchedAsync(id, "charge-payment");

        await OrderFulfilment.CompleteFromChargeAsync(_harness, id, charge);
        // The same result again, as a redelivery brings it.
        await _harness.CompleteAsync(charge, new JsonObject { ["paymentId"] = "bpay-o-3" });
        await _harness.ConsumedAsync<StepCompleted>(m => m.WorkflowId == id && m.StepId == "charge-payment", times: 2);

        var state = await _harness.InStateAsync(id, m => m.Completed);
        Assert.Empty(state.PendingEvents.OfType<AbandonedAttemptCompleted>());
        Assert.Empty(state.AbandonedEffects);
    }

    private async Task<(Guid Id, ExecuteStep FirstCharge)> FailTheChargeAsync(string orderId)
    {
        var id = await _harness.StartAsync("order-fulfilment", new JsonObject { ["orderId"] = orderId, ["amount"] = 10 });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), new JsonObject { ["reservationId"] = $"r-{orderId}" });
        var first = await _harness.DispatchedAsync(id, "charge-payment");
        await _harness.FailAsync(first, "PostgresException: 57P01: terminating connection due to administrator command", retryable: true);
        await _harness.ConsumedAsync<StepFailed>(m => m.WorkflowId == id && m.StepId == "charge-payment");
        return (id, first);
    }


    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
