using System.Text.Json.Nodes;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Tests.Planning;

/// <summary>
/// <c>for_each:</c> in the planner: a ready step's list is expanded (to be recorded), then its items
/// planned as their own steps, at most max_parallel at a time, each with its item; once all are
/// done, their outputs are gathered in list order.
/// </summary>
public sealed class Ready_step_planner_with_for_each
{
    private static readonly WorkflowDefinition Lines = Load.ValidYaml("""
        id: lines
        version: 1
        input:
          lines: any
        steps:
          - id: reserve
            service: inventory
            for_each: $.input.lines
            max_parallel: 2
            on_item_failure: continue
            input: { sku: $.item.sku, line: $.index }
          - id: ship
            service: shipping
            depends_on: [reserve]
        """);

    [Fact]
    public void A_ready_step_is_expanded_once_with_what_its_list_read()
    {
        var decisions = Start("A", "B", "C").Decide(Lines);

        var expansion = Assert.Single(decisions.Expand);
        Assert.Equal(("reserve", 3), (expansion.Step.Id, expansion.Items.Count));
        Assert.Equal("$.input.lines", Assert.Single(expansion.Read).Key);
        Assert.Empty(decisions.Run);
    }

    [Fact]
    public void Its_items_run_as_their_own_steps_at_most_max_parallel_at_a_time()
    {
        var expanded = Expanded("A", "B", "C");

        var first = expanded.Decide(Lines).Run;
        var later = expanded.Dispatched("reserve[0]").Completed("reserve[1]").Decide(Lines).Run;

        Assert.Equal(["reserve[0]", "reserve[1]"], first.Select(r => r.Step.Id));
        Assert.Equal("""{"sku":"B","line":1}""", first[1].Input.Value!.ToJsonString());
        Assert.Equal(("reserve", 1), (first[1].Step.Item!.Parent, first[1].Step.Item!.Index));
        Assert.Equal(["reserve[2]"], later.Select(r => r.Step.Id));
    }

    [Fact]
    public void Once_every_item_is_done_their_outputs_are_gathered_in_list_order_with_the_failed_ones()
    {
        var done = Expanded("A", "B") with
        {
            CompletedOutputs = new Dictionary<string, JsonNode?> { ["reserve[1]"] = new JsonObject { ["id"] = "r-B" } },
            FailedItems = new Dictionary<string, string> { ["reserve[0]"] = "discontinued" },
        };

        var gathered = Assert.Single(done.Decide(Lines).Gather);

        Assert.Equal("""{"items":[null,{"id":"r-B"}],"failed":[{"index":0,"item":{"sku":"A"},"reason":"discontinued"}]}""", gathered.Output.ToJsonString());
    }

    [Theory]
    [InlineData("3", "it gave number 3, not a list")]
    [InlineData(null, "it gave null, not a list")]
    public void A_list_that_is_not_one_fails_the_step_with_the_reason(string? lines, string reason)
    {
        var progress = Progress.Start(new JsonObject { ["lines"] = lines is null ? null : JsonNode.Parse(lines) });

        var failure = Assert.Single(progress.Decide(Lines).Failed);

        Assert.Equal($"for_each: $.input.lines could not be evaluated: {reason}", failure.Message);
    }

    [Fact]
    public void A_list_longer_than_the_limit_is_refused()
    {
        var progress = Progress.Start(new JsonObject { ["lines"] = new JsonArray([.. Enumerable.Range(0, StepForEach.MaxItems + 1).Select(i => (JsonNode)i)]) });

        Assert.Contains("over the limit of 1000", Assert.Single(progress.Decide(Lines).Failed).Message);
    }

    private static Sagas.Definitions.Planning.WorkflowProgress Start(params string[] skus) =>
        Progress.Start(new JsonObject { ["lines"] = new JsonArray([.. skus.Select(s => (JsonNode)new JsonObject { ["sku"] = s })]) });

    private static Sagas.Definitions.Planning.WorkflowProgress Expanded(params string[] skus)
    {
        var start = Start(skus);
        return start with { Expansions = new Dictionary<string, JsonArray> { ["reserve"] = start.Input["lines"]!.AsArray() } };
    }
}
