using System.Text.Json.Nodes;
using Sagas.Contracts.Events;

namespace Sagas.Orchestration.Tests.Workflows;

public sealed class When_a_step_fails : IAsyncLifetime
{
    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartAsync();

    [Fact]
    public async Task Fails_the_workflow_and_publishes_the_step_and_the_reason()
    {
        var id = await _harness.StartAsync("order-fulfilment", new JsonObject { ["orderId"] = "o-2", ["amount"] = 5 });
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), "out of stock");

        var state = await _harness.InStateAsync(id, m => m.Failed);

        Assert.Equal("reserve-inventory", state.FailedStep);
        Assert.Equal("step 'reserve-inventory' failed (not retryable): out of stock", state.FailureReason);
        var published = (await _harness.Bus.Published.SelectAsync<WorkflowFailed>(m => m.Context.Message.WorkflowId == id).SingleAsync()).Context.Message;
        Assert.Equal(("reserve-inventory", "step 'reserve-inventory' failed (not retryable): out of stock"), (published.StepId, published.Reason));
    }

    [Fact]
    public async Task Ignores_the_result_of_a_parallel_step_that_arrives_after_the_failure()
    {
        var id = await _harness.StartAsync("order-fulfilment", new JsonObject { ["orderId"] = "o-3", ["amount"] = 5 });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), new JsonObject { ["reservationId"] = "r" });
        var fraud = await _harness.DispatchedAsync(id, "check-fraud");
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "charge-payment"), "card declined");
        await _harness.InStateAsync(id, m => m.Failed);

        await _harness.CompleteAsync(fraud);
        Assert.True(await _harness.Saga.Consumed.Any<StepCompleted>(m => m.Context.Message.StepId == "check-fraud"));

        var state = await _harness.InStateAsync(id, m => m.Failed);
        Assert.False(state.Outputs.ContainsKey("check-fraud"));
        Assert.Equal("charge-payment", state.FailedStep);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
