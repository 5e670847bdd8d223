using System.Text.Json.Nodes;
using Sagas.Orchestration.Decisions;
using Sagas.Orchestration.Journal;

namespace Sagas.Orchestration.Tests.Workflows;

public sealed class When_an_operator_retries_a_failed_workflow : IAsyncLifetime
{
    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartAsync();

    [Fact]
    public async Task The_failed_step_runs_again_and_the_workflow_carries_on_to_completion()
    {
        var id = await _harness.StartAsync("order-fulfilment", new JsonObject { ["orderId"] = "o-1", ["amount"] = 5 });
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), "warehouse offline");
        var failed = await _harness.InStateAsync(id, m => m.Failed);
        Assert.Null(OperatorDecider.RetryRefusal(failed, null));

        await _harness.RetryAsync(id);
        var second = await _harness.DispatchedAsync(id, "reserve-inventory", attempt: 2);
        await _harness.CompleteAsync(second, new JsonObject { ["reservationId"] = "r" });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "charge-payment"), new JsonObject { ["paymentId"] = "p" });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "check-fraud"));
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "ship"), new JsonObject { ["trackingNumber"] = "t" });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "notify"));

        var state = await _harness.InStateAsync(id, m => m.Completed);
        Assert.Equal("reserve-inventory", state.PendingEvents.OfType<StepRetryRequested>().Single().StepId);
        Assert.Null(state.FailureReason);
    }

    [Fact]
    public async Task A_retry_naming_another_step_or_a_workflow_that_did_not_fail_is_refused_with_the_reason()
    {
        var id = await _harness.StartAsync("order-fulfilment", new JsonObject { ["orderId"] = "o-2", ["amount"] = 5 });
        await _harness.DispatchedAsync(id, "reserve-inventory");
        var running = await _harness.InStateAsync(id, m => m.Running);
        Assert.Equal($"workflow {id} is Running; only a Failed workflow or one that NeedsAttention can be retried", OperatorDecider.RetryRefusal(running, null));

        await _harness.FailAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), "warehouse offline");
        var failed = await _harness.InStateAsync(id, m => m.Failed);
        Assert.Equal("step 'ship' is not the one that failed; the failed step is 'reserve-inventory'", OperatorDecider.RetryRefusal(failed, "ship"));

        await _harness.RetryAsync(id, "ship");
        await _harness.ConsumedAsync<Contracts.Commands.RetryWorkflow>(m => m.WorkflowId == id);
        Assert.Equal(Orchestration.Workflows.WorkflowStatus.Failed, (await _harness.InStateAsync(id, m => m.Failed)).Status);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
