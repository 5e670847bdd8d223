using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Policies;

public sealed class When_a_step_fails_over : IAsyncLifetime
{
    private const string Policies = """
        orchestration:
          policies:
            - name: failover
              enabled: true
            - name: retry
              max_attempts: 2
              delay: 100ms
              jitter: false
          services:
            payment:
              alternates: [payment-backup]
            payment-backup: {}
        """;

    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartWithPoliciesAsync(Policies);

    [Fact]
    public async Task Attempts_exhausted_on_the_primary_move_the_step_to_the_alternate_saying_why()
    {
        var id = await StartAndReserveAsync("o-1");
        await FailTwiceAsync(id);

        var moved = await _harness.DispatchedAsync(id, "charge-payment", attempt: 3);

        Assert.Equal("payment-backup", moved.Service);
        Assert.Equal("payment-backup", _harness.QueueOf(moved));
        var state = await _harness.WhenAsync(id, s => s.InFlight.Contains("charge-payment") && s.Attempts["charge-payment"] == 3);
        var rerouted = Assert.Single(state.PendingEvents.OfType<StepRerouted>());
        Assert.Equal(("payment", "payment-backup", 3), (rerouted.From, rerouted.To, rerouted.Attempt));
        Assert.Equal("step 'charge-payment' failed (attempt 2 of 2): provider down", rerouted.Reason);
        // The alternate gets the step's idempotency key too: one step, one side effect.
        Assert.All(_harness.AllDispatched().Where(c => c.WorkflowId == id && c.StepId == "charge-payment"),
            c => Assert.Equal($"{id:N}/charge-payment", c.IdempotencyKey));
    }

    [Fact]
    public async Task The_alternate_gets_a_retry_policy_of_its_own_and_the_chain_ends_there()
    {
        var id = await StartAndReserveAsync("o-2");
        await FailTwiceAsync(id);
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "charge-payment", attempt: 3), "backup down too", retryable: true);
        await _harness.ConsumedAsync<StepFailed>(m => m.WorkflowId == id && m.Attempt == 3);
        await _harness.AdvanceAsync(TimeSpan.FromMilliseconds(100));
        var fourth = await _harness.DispatchedAsync(id, "charge-payment", attempt: 4);
        Assert.Equal("payment-backup", fourth.Service);
        await _harness.FailAsync(fourth, "backup down too", retryable: true);
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "check-fraud"));

        var state = await _harness.InStateAsync(id, m => m.Compensating);

        Assert.Equal("step 'charge-payment' failed (attempt 2 of 2) on 'payment-backup': backup down too", state.FailureReason);
    }

    [Fact]
    public async Task A_permanent_failure_does_not_fail_over()
    {
        var id = await StartAndReserveAsync("o-3");
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "charge-payment"), "card declined", retryable: false);
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "check-fraud"));

        var state = await _harness.InStateAsync(id, m => m.Compensating);

        Assert.Empty(state.PendingEvents.OfType<StepRerouted>());
    }

    [Fact]
    public async Task A_step_that_ran_on_the_alternate_is_undone_there()
    {
        var id = await StartAndReserveAsync("o-4");
        await FailTwiceAsync(id);
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "charge-payment", attempt: 3), new JsonObject { ["paymentId"] = "bpay-o-4" });
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "check-fraud"), "fraud suspected", retryable: false);

        var refund = await _harness.CompensationDispatchedAsync(id, "charge-payment");

        Assert.Equal("payment-backup", refund.Service);
    }

    [Fact]
    public async Task Replaying_the_stream_rebuilds_the_route_the_step_took()
    {
        var id = await StartAndReserveAsync("o-5");
        await FailTwiceAsync(id);
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "charge-payment", attempt: 3), new JsonObject { ["paymentId"] = "bpay-o-5" });

        var live = await _harness.WhenAsync(id, s => s.Outputs.ContainsKey("charge-payment"));

        var route = live.Routes["charge-payment"];
        Assert.Equal(new StepRoute("payment-backup", null, 3), route with { DispatchedAt = null });
        Assert.NotNull(route.DispatchedAt);
        Assert.Equal(WorkflowReplay.Fingerprint(live), WorkflowReplay.Fingerprint(WorkflowReplay.Rebuild(live.PendingEvents)));
    }

    private async Task<Guid> StartAndReserveAsync(string orderId)
    {
        var id = await _harness.StartAsync("order-fulfilment", new JsonObject { ["orderId"] = orderId, ["amount"] = 10 });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), new JsonObject { ["reservationId"] = $"r-{orderId}" });
        return id;
    }

    private async Task FailTwiceAsync(Guid id)
    {
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "charge-payment"), "provider down", retryable: true);
        await _harness.ConsumedAsync<StepFailed>(m => m.WorkflowId == id && m.Attempt == 1);
        await _harness.AdvanceAsync(TimeSpan.FromMilliseconds(100));
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "charge-payment", attempt: 2), "provider down", retryable: true);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
