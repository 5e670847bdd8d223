using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Policies;

public sealed class When_a_step_input_cannot_be_resolved : IAsyncLifetime
{
    // 'ship' reads a field of 'lookup's output that a service may leave out.
    private const string Lookup = """
        id: lookup-then-ship
        version: 1
        steps:
          - id: lookup
            service: inventory
          - id: ship
            service: shipping
            depends_on: [lookup]
            input:
              warehouse: $.steps.lookup.output.warehouse
        """;

    private OrchestratorHarness _harness = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task With_needs_attention_the_step_is_blocked_and_an_operator_retry_of_the_upstream_step_resumes_the_run()
    {
        await StartAsync("needs_attention");
        var id = await _harness.StartAsync("lookup-then-ship", new JsonObject());
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "lookup"), new JsonObject { ["aisle"] = 4 });

        var blocked = await _harness.InStateAsync(id, m => m.NeedsAttention);
        var reason = Assert.Single(blocked.PendingEvents.OfType<StepBlocked>());
        Assert.Equal(("ship", StepBlocked.NeedsAttention), (reason.StepId, reason.Policy));
        Assert.Contains("$.steps.lookup.output.warehouse", reason.MissingReference);
        Assert.Equal("ship", blocked.BlockedStep);
        Assert.DoesNotContain(_harness.AllDispatched(), c => c.StepId == "ship");

        await _harness.RetryAsync(id, "lookup");
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "lookup", attempt: 2), new JsonObject { ["warehouse"] = "w-2" });
        // Run again after it completed: a new run of the step, under a new idempotency key.
        Assert.Equal($"{id:N}/lookup/run-2", (await _harness.DispatchedAsync(id, "lookup", attempt: 2)).IdempotencyKey);
        var ship = await _harness.DispatchedAsync(id, "ship");
        Assert.Equal("w-2", ship.Input["warehouse"]!.GetValue<string>());
        await _harness.CompleteAsync(ship);
        await _harness.InStateAsync(id, m => m.Completed);
    }

    [Fact]
    public async Task A_retry_that_finds_the_reference_still_missing_blocks_the_step_again()
    {
        await StartAsync("needs_attention");
        var id = await _harness.StartAsync("lookup-then-ship", new JsonObject());
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "lookup"), new JsonObject());
        await _harness.InStateAsync(id, m => m.NeedsAttention);

        await _harness.RetryAsync(id);

        var again = await _harness.WhenAsync(id, s => s.PendingEvents.OfType<StepBlocked>().Count() == 2);
        Assert.Equal(WorkflowStatus.NeedsAttention, again.Status);
    }

    [Fact]
    public async Task A_blocked_workflow_can_be_cancelled_and_its_completed_steps_are_undone()
    {
        await StartAsync("needs_attention");
        var id = await _harness.StartAsync("lookup-then-ship", new JsonObject());
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "lookup"), new JsonObject());
        await _harness.InStateAsync(id, m => m.NeedsAttention);

        await _harness.CancelAsync(id, "not worth fixing");

        var cancelled = await _harness.InStateAsync(id, m => m.Cancelled);
        // The state shows Cancelled as its status changes; the rest of the message's events apply after.
        await _harness.ConsumedAsync<CancelWorkflow>(m => m.WorkflowId == id);
        Assert.Equal("cancelled: not worth fixing", cancelled.FailureReason);
        Assert.Null(cancelled.BlockedStep);
    }

    [Fact]
    public async Task With_fail_the_workflow_fails_naming_the_reference()
    {
        await StartAsync("fail");
        var id = await _harness.StartAsync("lookup-then-ship", new JsonObject());
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "lookup"), new JsonObject());

        var failed = await _harness.InStateAsync(id, m => m.Failed);

        Assert.StartsWith("the input of step 'ship' could not be resolved:", failed.FailureReason);
        Assert.Equal(StepBlocked.Fail, Assert.Single(failed.PendingEvents.OfType<StepBlocked>()).Policy);
    }

    private async Task StartAsync(string onUnresolved) =>
        _harness = await OrchestratorHarness.StartWithPoliciesAsync($"""
            orchestration:
              policies:
                - name: dependency_resolution
                  on_unresolved: {onUnresolved}
            """, null, Lookup);

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
