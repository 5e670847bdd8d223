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
        // The state can be seen before its outbox has published: wait for the event itself.
        await _harness.PublishedAsync<WorkflowFailed>(m => m.WorkflowId == id);
        var published = (await _harness.Bus.Published.SelectAsync<WorkflowFailed>(m => m.Context.Message.WorkflowId == id).SingleAsync()).Context.Message;
        Assert.Equal(("reserve-inventory", "step 'reserve-inventory' failed (not retryable): out of stock"), (published.StepId, published.Reason));
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
