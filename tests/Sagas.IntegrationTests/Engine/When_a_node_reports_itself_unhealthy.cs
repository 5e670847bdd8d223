using System.Text.Json;
using Sagas.Cli;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Nodes;

namespace Sagas.IntegrationTests.Engine;

/// <summary>
/// Escalation as the cluster sees it: a node whose heartbeat says it is unhealthy (a dependency
/// failing past its own recovery) is shown so by 'sagas nodes' and 'sagas doctor', and the change
/// is recorded in its stream, as is its return to health.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class When_a_node_reports_itself_unhealthy(EngineNode node) : IAsyncLifetime
{
    private const string Reason = "postgresql failing for 31 s (Failed to connect to 127.0.0.1:5432)";
    private const string Later = "postgresql failing for 36 s (Failed to connect to 127.0.0.1:5432)";
    private readonly string _nodeId = $"test-node-{Guid.NewGuid():N}";

    public Task InitializeAsync() => node.WipeAsync();

    [Fact]
    public async Task It_is_listed_unhealthy_and_both_changes_are_recorded()
    {
        await node.PublishAsync(Heartbeat(unhealthy: null, sentAt: DateTimeOffset.UtcNow));
        await node.PublishAsync(Heartbeat(unhealthy: Reason, sentAt: DateTimeOffset.UtcNow.AddMilliseconds(1)));
        await NodeWhenAsync(n => UnhealthyOf(n) is not null);
        // Still unhealthy a heartbeat later, for longer: the view follows, no second event.
        await node.PublishAsync(Heartbeat(unhealthy: Later, sentAt: DateTimeOffset.UtcNow.AddMilliseconds(2)));

        await NodeWhenAsync(n => UnhealthyOf(n) == Later);
        var (exit, doctor) = await RunAsync("doctor", "--json");
        Assert.Equal(ExitCodes.Invalid, exit);
        var finding = Assert.Single(JsonDocument.Parse(doctor).RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("subject").GetString() == _nodeId);
        Assert.Equal("unhealthy", finding.GetProperty("kind").GetString());

        await node.PublishAsync(Heartbeat(unhealthy: null, sentAt: DateTimeOffset.UtcNow.AddMilliseconds(3)));
        await NodeWhenAsync(n => UnhealthyOf(n) is null);

        await using var session = node.Store.QuerySession();
        var events = (await session.Events.FetchStreamAsync(NodeStreams.IdOf(_nodeId))).Select(e => e.Data).ToList();
        Assert.Equal(Reason, Assert.IsType<NodeUnhealthy>(events[0]).Reason);
        Assert.Equal(Later, Assert.IsType<NodeHealthy>(events[1]).WasUnhealthy);
        Assert.Equal(2, events.Count);
    }

    private static string? UnhealthyOf(JsonElement node) =>
        node.TryGetProperty("unhealthy", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null;

    private NodeHeartbeat Heartbeat(string? unhealthy, DateTimeOffset sentAt) => new()
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
    };

    private async Task<JsonElement> NodeWhenAsync(Func<JsonElement, bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var last = string.Empty;
        while (DateTimeOffset.UtcNow < deadline && await poll.WaitForNextTickAsync())
        {
            var (_, output) = await RunAsync("nodes", "--json");
            last = output;
            if (JsonDocument.Parse(output).RootElement.EnumerateArray().FirstOrDefault(n => n.GetProperty("id").GetString() == _nodeId) is { ValueKind: JsonValueKind.Object } found
                && condition(found))
            {
                return found.Clone();
            }
        }

        throw new Xunit.Sdk.XunitException($"node {_nodeId} never matched; 'sagas nodes' last said: {last}");
    }

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SagasCli.RunAsync(args, output, error, node.Configuration);
        return (exit, output.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
