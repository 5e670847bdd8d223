using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Sagas.Cli;
using Sagas.Cli.Commands;
using Sagas.Orchestration.Nodes;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Engine;

/// <summary>The vhost and database the two announcing nodes share.</summary>
public sealed class NodeWatchServices() : OwnServices("sagas-test-nodes", "sagas_test_nodes");

/// <summary>
/// Heartbeats: two node processes announce themselves and 'sagas nodes' lists both live; one is
/// killed (SIGKILL) and is shown lost, with a NodeLost event in its stream.
/// </summary>
public sealed class When_a_node_stops_announcing_itself(NodeWatchServices services) : IntegrationTest, IClassFixture<NodeWatchServices>
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Sagas:Nodes:HeartbeatInterval"] = "00:00:00.500",
        ["Sagas:Orchestration:NodeWatchInterval"] = "00:00:00.500",
        ["Sagas:Policies:Path"] = "none",
    };

    protected override IIntegrationFixture Fixture => services;

    [Fact]
    public async Task Both_are_listed_live_then_the_killed_one_is_lost_and_its_loss_recorded()
    {
        await using var kept = await NodeProcess.StartAsync(services.Settings, Settings);
        await using var killed = await NodeProcess.StartAsync(services.Settings, Settings);

        var live = await NodesWhenAsync(nodes => nodes.Count(n => n.GetProperty("status").GetString() == "Live") == 2);
        Assert.All(live, n => Assert.Contains("orchestrator", n.GetProperty("roles").EnumerateArray().Select(r => r.GetString())));
        Assert.All(live, n => Assert.Contains("payment", n.GetProperty("services").EnumerateArray().Select(r => r.GetString())));

        var killedPid = killed.ProcessId;
        await killed.KillAsync();

        var after = await NodesWhenAsync(nodes => nodes.Any(n => n.GetProperty("status").GetString() == "Lost"));
        var lost = Assert.Single(after, n => n.GetProperty("status").GetString() == "Lost");
        Assert.Equal(killedPid, lost.GetProperty("processId").GetInt32());
        Assert.Single(after, n => n.GetProperty("status").GetString() == "Live");

        var events = await services.EventsAsync(NodeStreams.IdOf(lost.GetProperty("id").GetString()!));
        var recorded = Assert.IsType<NodeLost>(Assert.Single(events));
        Assert.True(recorded.SilentFor > TimeSpan.FromSeconds(1.5), $"lost after {recorded.SilentFor} of silence, before three missed heartbeats");
    }

    // Polls 'sagas nodes --json' (the CLI, as an operator runs it) until the nodes match.
    private async Task<List<JsonElement>> NodesWhenAsync(Func<List<JsonElement>, bool> condition)
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(await TestServices.ConfigurationAsync())
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sagas:Postgres:ConnectionString"] = services.ConnectionString })
            .Build();
        return await Eventually.Until(async () =>
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            Assert.Equal(ExitCodes.Success, await SagasCli.RunAsync(["nodes", "--json"], output, error, configuration));
            return JsonDocument.Parse(output.ToString()).RootElement.EnumerateArray().Select(n => n.Clone()).ToList();
        }, condition, TimeSpan.FromSeconds(30), "the nodes to match", nodes => JsonSerializer.Serialize(nodes));
    }
}
