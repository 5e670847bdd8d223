using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Engine;

/// <summary>The vhost and database of the two-orchestrator test's node processes.</summary>
public sealed class TwoNodeServices() : OwnServices("sagas-test-two-nodes", "sagas_test_two_nodes");

/// <summary>
/// A lone orchestrator keeps the saga documents it committed (WorkflowCache). A second one turns
/// both caches off once each has read the other in the node registry; until then, a workflow's
/// next result can land on the node whose copy is a step behind. A write from that copy loses on
/// its version; a result the old copy does not know (it would be dropped as late) is judged again
/// on PostgreSQL's state. Every result counts once: no step times out or runs twice.
/// </summary>
public sealed class When_a_workflows_results_land_on_two_nodes(TwoNodeServices services) : IntegrationTest, IClassFixture<TwoNodeServices>
{
    private const string Chain = """
        id: chain
        version: 1
        steps:
          - id: s1
            service: noop
            timeout: 5m
          - id: s2
            service: noop
            timeout: 5m
            depends_on: [s1]
          - id: s3
            service: noop
            timeout: 5m
            depends_on: [s2]
          - id: s4
            service: noop
            timeout: 5m
            depends_on: [s3]
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly string _folder = Directory.CreateTempSubdirectory("sagas-two-nodes-").FullName;

    protected override IIntegrationFixture Fixture => services;

    protected override Task ArrangeAsync() => File.WriteAllTextAsync(Path.Combine(_folder, "chain.yaml"), Chain);

    [Fact]
    public async Task Both_turn_their_cache_off_once_they_see_each_other_and_every_result_counts_once()
    {
        var settings = Settings(new() { ["Sagas:Nodes:HeartbeatInterval"] = "00:00:00.5", ["Sagas:Orchestration:NodeWatchInterval"] = "00:00:00.5" });
        await using var first = await NodeProcess.StartAsync(services.Settings, settings, "--orchestrator");
        await SaysAsync(first, "Workflow cache on: this node is the only live orchestrator", "the first orchestrator to find itself alone");
        await using var second = await NodeProcess.StartAsync(services.Settings, settings, "--orchestrator");
        await using var worker = await NodeProcess.StartAsync(services.Settings, settings, "--worker", "noop");
        await using var client = await StartClient.ConnectAsync(services.VirtualHost);

        foreach (var node in new[] { first, second })
        {
            await SaysAsync(node, "Workflow cache off: 1 other live orchestrator(s)", "each orchestrator to see the other and stop caching");
        }

        var chains = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.StartAsync("chain", [])));
        foreach (var chain in chains)
        {
            await AssertRanOnceAsync(chain, first, second);
        }
    }

    [Fact]
    public async Task Every_result_counts_once_though_a_nodes_copy_is_behind()
    {
        // Each reads the registry once, at its start: the first, alone, keeps its copies all along.
        var settings = Settings(new() { ["Sagas:Orchestration:NodeWatchInterval"] = "01:00:00" });
        await using var first = await NodeProcess.StartAsync(services.Settings, settings, "--orchestrator");
        await SaysAsync(first, "Workflow cache on: this node is the only live orchestrator", "the first orchestrator to find itself alone");
        await using var second = await NodeProcess.StartAsync(services.Settings, settings, "--orchestrator");
        await using var worker = await NodeProcess.StartAsync(services.Settings, settings, "--worker", "noop");
        await using var client = await StartClient.ConnectAsync(services.VirtualHost);

        // Chains, a few at a time, until a node has judged a result again on PostgreSQL's state: the
        // case a stale copy would otherwise get wrong. (The broker spreads one queue's messages over
        // its consumers, so it comes within a few chains.)
        var chains = new List<Guid>();
        await Eventually.Until(
            async () =>
            {
                chains.AddRange(await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.StartAsync("chain", []))));
                foreach (var chain in chains)
                {
                    await AssertRanOnceAsync(chain, first, second);
                }

                return first.Output + second.Output;
            },
            output => output.Contains(JudgedAgain, StringComparison.Ordinal), Patience,
            "a result to land on a node whose copy was behind", _ => $"{chains.Count} chains ran without it");
    }

    private Dictionary<string, string> Settings(Dictionary<string, string> more) =>
        new(more) { ["Sagas:Definitions:Path"] = _folder, ["Sagas:Policies:Path"] = "none" };

    private static Task SaysAsync(NodeProcess node, string line, string because) =>
        Eventually.Until(() => Task.FromResult(node.Output), o => o.Contains(line, StringComparison.Ordinal), Patience, because, o => o);

    private async Task AssertRanOnceAsync(Guid chain, NodeProcess first, NodeProcess second)
    {
        var events = await Eventually.Until(() => services.EventsAsync(chain), e => e.OfType<WorkflowCompleted>().Any(), Patience,
            $"chain {chain} to complete", e => $"{EventNames.Of(e)}; the nodes said:{Environment.NewLine}{first.Output}{second.Output}");
        Assert.Equal(["s1", "s2", "s3", "s4"], events.OfType<StepDispatched>().Select(d => d.StepId));
        Assert.All(events.OfType<StepDispatched>(), d => Assert.Equal(1, d.Attempt));
        Assert.Equal(4, events.OfType<StepCompleted>().Count());
        Assert.Empty(events.OfType<StepTimedOut>());
    }

    // What the node says when it runs a message again on PostgreSQL's state (CachedWorkflowMayBeStale).
    private const string JudgedAgain = "changed nothing on the cached state";

    public override Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
