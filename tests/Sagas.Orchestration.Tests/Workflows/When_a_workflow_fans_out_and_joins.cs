using System.Text.Json.Nodes;

namespace Sagas.Orchestration.Tests.Workflows;

public sealed class When_a_workflow_fans_out_and_joins : IAsyncLifetime
{
    private const string FanOut = """
        id: fan-out
        version: 1
        steps:
          - id: split
            service: splitter
          - { id: branch-1, service: worker, depends_on: [split], input: { n: 1 } }
          - { id: branch-2, service: worker, depends_on: [split], input: { n: 2 } }
          - { id: branch-3, service: worker, depends_on: [split], input: { n: 3 } }
          - { id: branch-4, service: worker, depends_on: [split], input: { n: 4 } }
          - { id: branch-5, service: worker, depends_on: [split], input: { n: 5 } }
          - { id: branch-6, service: worker, depends_on: [split], input: { n: 6 } }
          - { id: branch-7, service: worker, depends_on: [split], input: { n: 7 } }
          - { id: branch-8, service: worker, depends_on: [split], input: { n: 8 } }
          - { id: branch-9, service: worker, depends_on: [split], input: { n: 9 } }
          - { id: branch-10, service: worker, depends_on: [split], input: { n: 10 } }
          - id: join
            service: joiner
            depends_on: [branch-1, branch-2, branch-3, branch-4, branch-5, branch-6, branch-7, branch-8, branch-9, branch-10]
            input:
              first: $.steps.branch-1.output.value
              last: $.steps.branch-10.output.value
        output:
          joined: $.steps.join.output
        """;

    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartAsync(extraDefinitions: FanOut);

    [Fact]
    public async Task Dispatches_all_ten_branches_at_once_and_joins_after_the_last()
    {
        var id = await _harness.StartAsync("fan-out", []);
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "split"));

        var branches = new List<Contracts.Commands.ExecuteStep>();
        for (var n = 1; n <= 10; n++)
        {
            branches.Add(await _harness.DispatchedAsync(id, $"branch-{n}"));
        }

        Assert.Equal(10, (await _harness.WhenAsync(id, s => s.InFlight.Count == 10)).InFlight.Count);

        foreach (var branch in branches.Take(9))
        {
            await _harness.CompleteAsync(branch, new JsonObject { ["value"] = branch.Input["n"]!.GetValue<decimal>() * 10 });
        }

        var waiting = await _harness.WhenAsync(id, s => s.Outputs.Count == 10);
        Assert.Equal(["branch-10"], waiting.InFlight);
        Assert.False(waiting.Attempts.ContainsKey("join"));

        await _harness.CompleteAsync(branches[9], new JsonObject { ["value"] = 100 });
        var join = await _harness.DispatchedAsync(id, "join");
        Assert.Equal("""{"first":10,"last":100}""", join.Input.ToJsonString());

        await _harness.CompleteAsync(join, new JsonObject { ["total"] = 550 });
        var done = await _harness.InStateAsync(id, m => m.Completed);
        Assert.Equal("""{"joined":{"total":550}}""", done.Output!.ToJsonString());
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
