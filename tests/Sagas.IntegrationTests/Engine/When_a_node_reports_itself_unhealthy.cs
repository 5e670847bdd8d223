using System.Text.Json;
using Sagas.Cli;
using Sagas.Cli.Commands;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Nodes;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Engine;

/// <summary>
/// Escalation as the cluster sees it: a node whose heartbeat says it is unhealthy (a dependency
/// failing past its own recovery) is shown so by 'sagas nodes' and 'sagas doctor', and the change
/// is recorded in its stream, as is its return to health.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class When_a_node_reports_itself_unhealthy(EngineNode node) : IntegrationTest
{
    private const string Reason = "postgresql failing for 31 s (Failed to connect to 127.0.0.1:5432)";
    private const string Later = "postgresql failing for 36 s (Failed to connect to 127.0.0.1:5432)";
    private readonly string _nodeId = $"test-node-{Guid.NewGuid():N}";

    protected override IIntegrationFixture Fixture => node;

    [Fact]
    public async Task It_is_listed_unhealthy_and_both_changes_are_recorded()
    {
        var since = DateTimeOffset.UtcNow;
        await node.PublishAsync(Heartbeat(sentAt: since, unhealthy: null, escalation: null));
        await node.PublishAsync(Heartbeat(sentAt: since.AddMilliseconds(1), unhealthy: Reason, new NodeEscalation { Since = since, Reason = Reason }));
        await NodeWhenAsync(n => UnhealthyOf(n) is not null);
        // Still unhealthy a heartbeat later, for longer: the view follows, no second event.
        await node.PublishAsync(Heartbeat(sentAt: since.AddMilliseconds(2), unhealthy: Later, new NodeEscalation { Since = since, Reason = Later }));

        await NodeWhenAsync(n => UnhealthyOf(n) == Later);
        var (exit, doctor) = await RunAsync("doctor", "--json");
        Assert.Equal(ExitCodes.Invalid, exit);
        var finding = Assert.Single(JsonDocument.Parse(doctor).RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("subject").GetString() == _nodeId);
        Assert.Equal("unhealthy", finding.GetProperty("kind").GetString());

        var healthyAt = since.AddSeconds(40);
        await node.PublishAsync(Heartbeat(sentAt: since.AddMilliseconds(3), unhealthy: null, new NodeEscalation { Since = since, Reason = Later, EndedAt = healthyAt }));
        await NodeWhenAsync(n => UnhealthyOf(n) is null);

        var events = await NodeEventsAsync();
        Assert.Equal((Reason, since), (Assert.IsType<NodeUnhealthy>(events[0]).Reason, ((NodeUnhealthy)events[0]).ReportedAt));
        Assert.Equal((Later, healthyAt), (Assert.IsType<NodeHealthy>(events[1]).WasUnhealthy, ((NodeHealthy)events[1]).ReportedAt));
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public async Task A_spell_nobody_could_hear_is_recorded_from_the_first_heartbeat_after_it()
    {
        // The broker was down for the whole spell: the node's heartbeats never left until it ended.
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var ended = since.AddSeconds(45);
        var first = DateTimeOffset.UtcNow;
        await node.PublishAsync(Heartbeat(sentAt: first, unhealthy: null, new NodeEscalation { Since = since, Reason = Later, EndedAt = ended }));
        await ViewWhenAsync(v => v.LastSentAt == first);
        // Its next heartbeat repeats the spell: nothing more is recorded.
        await node.PublishAsync(Heartbeat(sentAt: first.AddSeconds(5), unhealthy: null, new NodeEscalation { Since = since, Reason = Later, EndedAt = ended }));
        await ViewWhenAsync(v => v.LastSentAt == first.AddSeconds(5));

        var events = await NodeEventsAsync();
        Assert.Equal(2, events.Count);
        Assert.Equal(since, Assert.IsType<NodeUnhealthy>(events[0]).ReportedAt);
        Assert.Equal(ended, Assert.IsType<NodeHealthy>(events[1]).ReportedAt);
    }

    private async Task<List<object>> NodeEventsAsync()
    {
        await using var session = node.Store.QuerySession();
        return [.. (await session.Events.FetchStreamAsync(NodeStreams.IdOf(_nodeId))).Select(e => e.Data)];
    }

    private Task ViewWhenAsync(Func<NodeView, bool> condition) =>
        Eventually.Until(async () =>
        {
            await using var session = node.Store.QuerySession();
            return await session.LoadAsync<NodeView>(_nodeId);
        }, view => view is not null && condition(view), TimeSpan.FromSeconds(15), $"node {_nodeId}'s view to match",
        view => view is null ? "no view" : $"last sent at {view.LastSentAt:O}");

    private static string? UnhealthyOf(JsonElement node) =>
        node.TryGetProperty("unhealthy", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null;

    private NodeHeartbeat Heartbeat(DateTimeOffset sentAt, string? unhealthy, NodeEscalation? escalation) => new()
    {
        NodeId = _nodeId,
        Host = "test-host",
        ProcessId = 4242,
        Roles = ["worker"],
        Services = ["payment"],
        Capacity = 8,
        Interval = TimeSpan.FromSeconds(5),
        StartedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        SentAt = sentAt,
        Unhealthy = unhealthy,
        Escalation = escalation,
    };

    // Polls 'sagas nodes --json', as an operator runs it, until this node's row matches.
    private Task NodeWhenAsync(Func<JsonElement, bool> condition) =>
        Eventually.Until(async () => (await RunAsync("nodes", "--json")).Output, output => ThisNodeIn(output) is { } found && condition(found),
            TimeSpan.FromSeconds(15), $"node {_nodeId} to match in 'sagas nodes'");

    private JsonElement? ThisNodeIn(string nodes) =>
        JsonDocument.Parse(nodes).RootElement.EnumerateArray().FirstOrDefault(n => n.GetProperty("id").GetString() == _nodeId) is { ValueKind: JsonValueKind.Object } found
            ? found.Clone()
            : null;

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SagasCli.RunAsync(args, output, error, node.Configuration);

        // Exit 2 is the command failing to run at all: what it said is the news.
        Assert.True(exit != ExitCodes.UserError, $"sagas {string.Join(' ', args)} could not run: {error}");
        return (exit, output.ToString());
    }
}
