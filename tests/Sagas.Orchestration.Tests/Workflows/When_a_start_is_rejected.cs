using System.Text.Json.Nodes;
using Sagas.Contracts.Events;

namespace Sagas.Orchestration.Tests.Workflows;

public sealed class When_a_start_is_rejected : IAsyncLifetime
{
    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() =>
        _harness = await OrchestratorHarness.StartAsync(options: new OrchestrationOptions { MaxInputBytes = 1024 });

    [Fact]
    public async Task An_unknown_definition_is_rejected_naming_the_known_ones()
    {
        var id = await _harness.StartAsync("order-fulfillment", []);

        var state = await _harness.InStateAsync(id, m => m.Rejected);

        Assert.Equal("no definition 'order-fulfillment' is loaded (known: customer-onboarding, order-fulfilment)", state.FailureReason);
        await _harness.PublishedAsync<WorkflowRejected>(m => m.WorkflowId == id);
    }

    [Fact]
    public async Task Input_lacking_a_required_field_is_rejected_naming_it()
    {
        var id = await _harness.StartAsync("order-fulfilment", new JsonObject { ["orderId"] = "o-6" });

        var state = await _harness.InStateAsync(id, m => m.Rejected);

        Assert.Equal("invalid input for 'order-fulfilment' v1: input lacks required field 'amount' (number)", state.FailureReason);
        Assert.Empty(state.Attempts);
    }

    [Fact]
    public async Task Input_over_the_size_limit_is_rejected()
    {
        var id = await _harness.StartAsync("order-fulfilment", new JsonObject { ["orderId"] = new string('x', 2000), ["amount"] = 1 });

        var state = await _harness.InStateAsync(id, m => m.Rejected);

        Assert.StartsWith("the input is 2,025 bytes, over the limit of 1,024", state.FailureReason);
    }

    [Fact]
    public async Task A_rejected_start_keeps_its_instance_so_a_retry_of_it_is_also_a_no_op()
    {
        var id = await _harness.StartAsync("nope", []);
        await _harness.InStateAsync(id, m => m.Rejected);

        await _harness.StartAsync("order-fulfilment", new JsonObject { ["orderId"] = "o", ["amount"] = 1 }, id);
        await _harness.ConsumedAsync<Contracts.Commands.StartWorkflow>(m => m.WorkflowId == id, times: 2);

        var state = await _harness.InStateAsync(id, m => m.Rejected);
        Assert.Equal("nope", state.Definition);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
