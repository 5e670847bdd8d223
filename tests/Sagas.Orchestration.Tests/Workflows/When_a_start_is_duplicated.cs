using System.Text.Json.Nodes;
using MassTransit;
using Sagas.Contracts.Commands;

namespace Sagas.Orchestration.Tests.Workflows;

public sealed class When_a_start_is_duplicated : IAsyncLifetime
{
    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartAsync();

    [Fact]
    public async Task A_second_start_while_running_starts_nothing()
    {
        var id = NewId.NextGuid();
        await _harness.StartAsync("order-fulfilment", Order(), id);
        await _harness.DispatchedAsync(id, "reserve-inventory");

        await _harness.StartAsync("order-fulfilment", Order(), id);
        await _harness.ConsumedAsync<StartWorkflow>(m => m.WorkflowId == id, times: 2);

        var state = await _harness.InStateAsync(id, m => m.Running);
        Assert.Equal(1, state.Attempts["reserve-inventory"]);
        Assert.Single(state.PendingEvents.OfType<Journal.WorkflowStarted>());
        Assert.Single(state.PendingEvents.OfType<Journal.StepDispatched>());
    }

    [Fact]
    public async Task A_start_after_the_workflow_finished_starts_nothing()
    {
        var id = NewId.NextGuid();
        await _harness.StartAsync("order-fulfilment", Order(), id);
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), "no stock");
        await _harness.InStateAsync(id, m => m.Failed);

        await _harness.StartAsync("order-fulfilment", Order(), id);
        await _harness.ConsumedAsync<StartWorkflow>(m => m.WorkflowId == id, times: 2);

        var state = await _harness.InStateAsync(id, m => m.Failed);
        Assert.Single(state.PendingEvents.OfType<Journal.WorkflowStarted>());
    }

    [Fact]
    public async Task A_duplicate_step_result_changes_nothing()
    {
        var id = await _harness.StartAsync("order-fulfilment", Order());
        var reserve = await _harness.DispatchedAsync(id, "reserve-inventory");
        await _harness.CompleteAsync(reserve, new JsonObject { ["reservationId"] = "first" });
        await _harness.WhenAsync(id, s => s.Outputs.ContainsKey("reserve-inventory"));

        await _harness.CompleteAsync(reserve, new JsonObject { ["reservationId"] = "second" });
        await _harness.ConsumedAsync<Contracts.Events.StepCompleted>(m => m.WorkflowId == id, times: 2);

        var state = await _harness.InStateAsync(id, m => m.Running);
        Assert.Equal("first", state.Outputs["reserve-inventory"]!["reservationId"]!.GetValue<string>());
        Assert.Equal(1, state.Attempts["charge-payment"]);
        Assert.Single(state.PendingEvents.OfType<Contracts.Events.StepCompleted>());
    }

    private static JsonObject Order() => new() { ["orderId"] = "o-5", ["amount"] = 5 };

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
