using System.Text.Json.Nodes;
using MassTransit;
using Sagas.Contracts.Commands;

namespace Sagas.Orchestration.Tests.Workflows;

/// <summary>
/// The worker throws on the command past its retries: MassTransit parks it in the error queue
/// and publishes <see cref="Fault{T}"/>, which fails the step instead of leaving the workflow waiting.
/// </summary>
public sealed class When_a_step_command_faults_in_the_worker : IAsyncLifetime
{
    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() =>
        _harness = await OrchestratorHarness.StartAsync(x => x.AddConsumer<BrokenInventoryConsumer>().Endpoint(e => e.Name = "inventory"));

    [Fact]
    public async Task Fails_the_workflow_naming_the_fault_and_the_error_queue()
    {
        var id = await _harness.StartAsync("order-fulfilment", new JsonObject { ["orderId"] = "o-4", ["amount"] = 5 });

        var state = await _harness.InStateAsync(id, m => m.Failed);

        Assert.Equal("reserve-inventory", state.FailedStep);
        Assert.Contains("the inventory service faulted on the command", state.FailureReason);
        Assert.Contains("database is on fire", state.FailureReason);
        Assert.Contains("'inventory_error' queue", state.FailureReason);
    }

    private sealed class BrokenInventoryConsumer : IConsumer<ExecuteStep>
    {
        public Task Consume(ConsumeContext<ExecuteStep> context) => throw new InvalidOperationException("database is on fire");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
