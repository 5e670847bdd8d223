using System.Text.Json.Nodes;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Workflows;

/// <summary>
/// <c>for_each:</c> on the engine: the list is expanded once and recorded (<see cref="ItemsExpanded"/>);
/// each item runs as its own step (<c>STEP[INDEX]</c>) with its own attempts and key, at most
/// <c>max_parallel</c> at a time; the outputs are gathered in list order; a failed item fails
/// the run (undone item by item) or, with <c>on_item_failure: continue</c>, is listed.
/// </summary>
public sealed class When_a_step_runs_for_each_item : IAsyncLifetime
{
    private const string Lines = """
        id: order-lines
        version: 1
        input:
          lines: array
        steps:
          - id: reserve
            service: inventory
            for_each: $.input.lines
            max_parallel: 2
            input: { sku: $.item.sku, line: $.index }
            compensate: { service: inventory, input: { reservation: $.steps.reserve.output.reservationId } }
          - id: ship
            service: shipping
            depends_on: [reserve]
            input: { first: $.steps.reserve.output.items.0.reservationId, count: $.steps.reserve.output.items }
        """;

    private const string Tolerant = """
        id: tolerant-lines
        version: 1
        input:
          lines: array
        steps:
          - id: reserve
            service: inventory
            for_each: $.input.lines
            on_item_failure: continue
            input: { sku: $.item.sku }
            retry: { max_attempts: 1 }
        output:
          reserved: $.steps.reserve.output
        """;

    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartAsync(extraDefinitions: [Lines, Tolerant]);

    [Fact]
    public async Task Items_run_at_most_max_parallel_at_a_time_each_as_its_own_step_and_their_outputs_are_gathered_in_order()
    {
        var id = await _harness.StartAsync("order-lines", Order("A", "B", "C"));

        var first = await _harness.DispatchedAsync(id, "reserve[0]");
        var second = await _harness.DispatchedAsync(id, "reserve[1]");
        var waiting = await _harness.WhenAsync(id, s => s.InFlight.Count == 2);
        Assert.Equal(0, _harness.SentSoFar<Sagas.Contracts.Commands.ExecuteStep>(c => c.WorkflowId == id && c.StepId == "reserve[2]"));
        Assert.Equal(("""{"sku":"B","line":1}""", $"{id:N}/reserve[1]"), (second.Input.ToJsonString(), second.IdempotencyKey));
        Assert.Equal("$.input.lines", waiting.PendingEvents.OfType<ItemsExpanded>().Single().Expression);

        // Out of order: the list's order is kept in the output.
        await _harness.CompleteAsync(second, new JsonObject { ["reservationId"] = "r-B" });
        var third = await _harness.DispatchedAsync(id, "reserve[2]");
        await _harness.CompleteAsync(third, new JsonObject { ["reservationId"] = "r-C" });
        await _harness.CompleteAsync(first, new JsonObject { ["reservationId"] = "r-A" });
        var ship = await _harness.DispatchedAsync(id, "ship");

        Assert.Equal("r-A", ship.Input["first"]!.GetValue<string>());
        Assert.Equal("""[{"reservationId":"r-A"},{"reservationId":"r-B"},{"reservationId":"r-C"}]""", ship.Input["count"]!.ToJsonString());
        await _harness.CompleteAsync(ship);
        var done = await _harness.InStateAsync(id, m => m.Completed);
        Assert.Empty(WorkflowReplay.Differences(done, done.PendingEvents));
    }

    [Fact]
    public async Task A_failed_item_fails_the_run_and_the_items_that_completed_are_undone_each_with_its_own_output()
    {
        var id = await _harness.StartAsync("order-lines", Order("A", "B"));
        var first = await _harness.DispatchedAsync(id, "reserve[0]");
        var second = await _harness.DispatchedAsync(id, "reserve[1]");
        await _harness.CompleteAsync(first, new JsonObject { ["reservationId"] = "r-A" });
        await _harness.FailAsync(second, "out of stock", retryable: false);

        var undo = await _harness.CompensationDispatchedAsync(id, "reserve[0]");
        await _harness.CompensatedAsync(undo);
        var compensated = await _harness.InStateAsync(id, m => m.Compensated);

        Assert.Equal("""{"reservation":"r-A"}""", undo.Input.ToJsonString());
        Assert.Equal(["reserve[0]"], _harness.AllCompensationsDispatched().Where(c => c.WorkflowId == id).Select(c => c.StepId));
        Assert.Equal("reserve[1]", compensated.FailedStep);
        Assert.Empty(WorkflowReplay.Differences(compensated, compensated.PendingEvents));
    }

    [Fact]
    public async Task With_on_item_failure_continue_a_failed_item_is_listed_and_the_run_completes()
    {
        var id = await _harness.StartAsync("tolerant-lines", Order("A", "B"));
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "reserve[0]"), "discontinued", retryable: false);
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve[1]"), new JsonObject { ["reservationId"] = "r-B" });

        var done = await _harness.InStateAsync(id, m => m.Completed);

        var reserved = done.Output!["reserved"]!;
        Assert.Equal("""[null,{"reservationId":"r-B"}]""", reserved["items"]!.ToJsonString());
        Assert.Equal(0, reserved["failed"]![0]!["index"]!.GetValue<int>());
        Assert.Contains("discontinued", reserved["failed"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal("reserve[0]", done.PendingEvents.OfType<ItemFailed>().Single().StepId);
    }

    [Fact]
    public async Task With_on_item_failure_continue_an_item_whose_input_cannot_be_resolved_is_listed_too()
    {
        var lines = new JsonArray(new JsonObject { ["sku"] = "A" }, new JsonObject { ["code"] = "no sku" });
        var id = await _harness.StartAsync("tolerant-lines", new JsonObject { ["lines"] = lines });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve[0]"), new JsonObject { ["reservationId"] = "r-A" });

        var done = await _harness.InStateAsync(id, m => m.Completed);

        var failed = done.Output!["reserved"]!["failed"]!.AsArray();
        Assert.Equal(1, Assert.Single(failed)!["index"]!.GetValue<int>());
        Assert.Contains("'$.item.sku'", failed[0]!["reason"]!.GetValue<string>());
        Assert.DoesNotContain(_harness.AllDispatched(), c => c.WorkflowId == id && c.StepId == "reserve[1]");
    }

    [Fact]
    public async Task An_empty_list_completes_the_step_at_once()
    {
        var id = await _harness.StartAsync("tolerant-lines", Order());

        var done = await _harness.InStateAsync(id, m => m.Completed);

        Assert.Equal("""{"items":[],"failed":[]}""", done.Output!["reserved"]!.ToJsonString());
        Assert.DoesNotContain(_harness.AllDispatched(), c => c.WorkflowId == id);
    }

    private static JsonObject Order(params string[] skus) =>
        new() { ["lines"] = new JsonArray([.. skus.Select(sku => (JsonNode)new JsonObject { ["sku"] = sku })]) };

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
