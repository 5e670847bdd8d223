using System.Text.Json.Nodes;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Workflows;

/// <summary>The sample diamond: reserve → (charge ∥ fraud) → ship → notify.</summary>
public sealed class When_the_order_fulfilment_sample_runs : IAsyncLifetime
{
    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartAsync();

    [Fact]
    public async Task Dispatches_only_the_first_step_at_the_start()
    {
        var id = await _harness.StartAsync("order-fulfilment", Order());

        var reserve = await _harness.DispatchedAsync(id, "reserve-inventory");

        Assert.Equal("inventory", reserve.Service);
        Assert.Equal("o-1", reserve.Input["orderId"]!.GetValue<string>());
        var state = await _harness.WhenAsync(id, s => s.InFlight.Count > 0);
        Assert.Equal(["reserve-inventory"], state.InFlight);
    }

    [Fact]
    public async Task Runs_the_parallel_steps_together_with_upstream_outputs_in_their_input()
    {
        var id = await _harness.StartAsync("order-fulfilment", Order());
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), new JsonObject { ["reservationId"] = "r-9" });

        var charge = await _harness.DispatchedAsync(id, "charge-payment");
        var fraud = await _harness.DispatchedAsync(id, "check-fraud");

        Assert.Equal("r-9", charge.Input["reservationId"]!.GetValue<string>());
        Assert.Equal(42.5m, charge.Input["amount"]!.GetValue<decimal>());
        Assert.Equal("fraud", fraud.Service);
    }

    [Fact]
    public async Task Ships_only_after_both_parallel_steps_completed()
    {
        var id = await _harness.StartAsync("order-fulfilment", Order());
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), new JsonObject { ["reservationId"] = "r-9" });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "charge-payment"), new JsonObject { ["paymentId"] = "p-3" });

        var waiting = await _harness.WhenAsync(id, s => s.Outputs.ContainsKey("charge-payment"));
        Assert.Equal(["check-fraud"], waiting.InFlight);
        Assert.False(waiting.Attempts.ContainsKey("ship"));

        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "check-fraud"));
        var ship = await _harness.DispatchedAsync(id, "ship");
        Assert.Equal("r-9", ship.Input["reservationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Completes_with_the_output_mapping_and_publishes_it()
    {
        var id = await _harness.StartAsync("order-fulfilment", Order());
        await RunToTheEnd(id);

        var state = await _harness.InStateAsync(id, m => m.Completed);
        // The state can be seen before its outbox has published: wait for the event itself.
        await _harness.PublishedAsync<WorkflowCompleted>(m => m.WorkflowId == id);
        var published = (await _harness.Bus.Published.SelectAsync<WorkflowCompleted>(m => m.Context.Message.WorkflowId == id).SingleAsync()).Context.Message;
        Assert.Equal("""{"orderId":"o-1","paymentId":"p-3","trackingNumber":"t-7"}""", published.Output!.ToJsonString());
        Assert.Equal(published.Output.ToJsonString(), state.Output!.ToJsonString());
        Assert.Empty(state.InFlight);
    }

    [Fact]
    public async Task Records_events_whose_replay_rebuilds_the_live_state()
    {
        var id = await _harness.StartAsync("order-fulfilment", Order());
        await RunToTheEnd(id);
        var live = await _harness.InStateAsync(id, m => m.Completed);

        var rebuilt = WorkflowReplay.Rebuild(live.PendingEvents);

        Assert.Equal(live.Status.ToString(), live.CurrentState);
        Assert.Equal(WorkflowReplay.Fingerprint(live), WorkflowReplay.Fingerprint(rebuilt));
    }

    private async Task RunToTheEnd(Guid id)
    {
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), new JsonObject { ["reservationId"] = "r-9" });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "charge-payment"), new JsonObject { ["paymentId"] = "p-3" });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "check-fraud"));
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "ship"), new JsonObject { ["trackingNumber"] = "t-7" });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "notify"));
    }

    private static JsonObject Order() => new() { ["orderId"] = "o-1", ["amount"] = 42.5m };

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
