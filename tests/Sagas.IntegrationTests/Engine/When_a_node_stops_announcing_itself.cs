using System.Text.Json;
using Marten;
using Microsoft.Extensions.Configuration;
using Sagas.Cli;
using Sagas.Cli.Settings;
using Sagas.Orchestration.Nodes;
using Sagas.Orchestration.Persistence;

namespace Sagas.IntegrationTests.Engine;

/// <summary>
/// Heartbeats: two node processes announce themselves and 'sagas nodes' lists both live; one is
/// killed (SIGKILL) and is shown lost, with a NodeLost event in its stream. A vhost and database of its own.
/// </summary>
public sealed class When_a_node_stops_announcing_itself : IAsyncLifetime
{
    private const string VirtualHost = "sagas-test-nodes";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Sagas:Nodes:HeartbeatInterval"] = "00:00:00.500",
        ["Sagas:Orchestration:NodeWatchInterval"] = "00:00:00.500",
        ["Sagas:Policies:Path"] = "none",
    };

    private SagasSettings _services = null!;
    private DocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        await TestBroker.EnsureVirtualHostAsync(VirtualHost);
        _services = await TestServices.SettingsAsync();
        _services.RabbitMq.VirtualHost = VirtualHost;
        _services.Postgres.ConnectionString = await TestDatabase.PrepareAsync("sagas_test_nodes");
        _store = DocumentStore.For(options => WorkflowStore.Configure(options, _services.Postgres.ConnectionString));
        await _store.Advanced.Clean.DeleteAllDocumentsAsync();
    }

    [Fact]
    public async Task Both_are_listed_live_then_the_killed_one_is_lost_and_its_loss_recorded()
    {
        await using var kept = await NodeProcess.StartAsync(_services, Settings);
        await using var killed = await NodeProcess.StartAsync(_services, Settings);

        var live = await NodesWhenAsync(nodes => nodes.Count(n => n.GetProperty("status").GetString() == "Live") == 2);
        Assert.All(live, n => Assert.Contains("orchestrator", n.GetProperty("roles").EnumerateArray().Select(r => r.GetString())));
        Assert.All(live, n => Assert.Contains("payment", n.GetProperty("services").EnumerateArray().Select(r => r.GetString())));

        var killedPid = killed.ProcessId;
        await killed.KillAsync();

        var after = await NodesWhenAsync(nodes => nodes.Any(n => n.GetProperty("status").GetString() == "Lost"));
        var lost = Assert.Single(after, n => n.GetProperty("status").GetString() == "Lost");
        Assert.Equal(killedPid, lost.GetProperty("processId").GetInt32());
        Assert.Single(after, n => n.GetProperty("status").GetString() == "Live");

        await using var session = _store.QuerySession();
        var events = await session.Events.FetchStreamAsync(NodeStreams.IdOf(lost.GetProperty("id").GetString()!));
        var recorded = Assert.IsType<NodeLost>(Assert.Single(events).Data);
        Assert.True(recorded.SilentFor > TimeSpan.FromSeconds(1.5), $"lost after {recorded.SilentFor} of silence, before three missed heartbeats");
    }

    // Polls 'sagas nodes --json' (the CLI, as an operator runs it) until the nodes match.
    private async Task<List<JsonElement>> NodesWhenAsync(Func<List<JsonElement>, bool> condition)
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(await TestServices.ConfigurationAsync())
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sagas:Postgres:ConnectionString"] = _services.Postgres.ConnectionString })
            .Build();
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        var nodes = new List<JsonElement>();
        while (DateTimeOffset.UtcNow < deadline && await poll.WaitForNextTickAsync())
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            Assert.Equal(ExitCodes.Success, await SagasCli.RunAsync(["nodes", "--json"], output, error, configuration));
            nodes = [.. JsonDocument.Parse(output.ToString()).RootElement.EnumerateArray().Select(n => n.Clone())];
            if (condition(nodes))
            {
                return nodes;
            }
        }

        throw new Xunit.Sdk.XunitException($"the nodes never matched; last seen: {JsonSerializer.Serialize(nodes)}");
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();
}
