using System.Text.Json;
using Npgsql;
using Sagas.Analytics.Health;
using Sagas.Analytics.Projection;
using Sagas.IntegrationTests.Engine;
using Sagas.Orchestration.Journal;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Analytics;

/// <summary>
/// The degraded path: when no node runs the projection, or the projection stops on a damaged
/// event, the nodes record it once, say so in their health, the doctor lists it, and
/// <c>sagas stats</c> answers from the saga documents, marked degraded; once a node runs the
/// projection again it catches up from where it stopped and the recovery is recorded.
/// </summary>
public sealed class When_the_analytics_fall_behind(DegradedServices services) : IntegrationTest, IClassFixture<DegradedServices>
{
    protected override IIntegrationFixture Fixture => services;

    [Fact]
    public async Task Without_a_node_running_the_projection_stats_are_degraded_until_one_catches_up()
    {
        await using var watcher = await NodeProcess.StartAsync(services.Settings, With(("Sagas:Analytics:RunProjections", "false")));
        await using var client = await StartClient.ConnectAsync(services.VirtualHost);
        var ids = await Orders.StartMixedAsync(client, completing: 3);
        await Orders.EndedAsync(services, ids, watcher);

        var degraded = (await Eventually.Until(services.OperationsAsync, ops => ops.LastOrDefault() is AnalyticsDegraded, TimeSpan.FromSeconds(30),
            "the watch to record that the analytics are behind", ops => $"{ops.Count} operations; the node said:{Environment.NewLine}{watcher.Output}")).OfType<AnalyticsDegraded>().Single();
        Assert.True(degraded.EventsBehind > 0, degraded.Reason);

        var (status, body) = await AnalyticsServices.ReadyAsync(watcher);
        Assert.Equal(200, status);
        Assert.StartsWith("ready, degraded: analytics (", body, StringComparison.Ordinal);

        // One health model: the node's heartbeats say the same, and sagas nodes shows it.
        await Eventually.Until(async () => (await services.SagasAsync("nodes", "--json")).Output, nodes => nodes.Contains("\"degraded\": \"analytics (", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15), "a heartbeat to say the analytics are degraded");

        var stats = await StatsJsonAsync();
        Assert.True(stats.GetProperty("degraded").GetBoolean());
        Assert.Contains("from the saga documents", stats.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var basic = stats.GetProperty("definitions")[0];
        Assert.Equal(ids.Count, basic.GetProperty("started").GetInt32());
        Assert.Equal(2, basic.GetProperty("compensated").GetInt32());

        var (doctorExit, doctor, _) = await services.SagasAsync("doctor");
        Assert.Equal(1, doctorExit);
        Assert.Contains("analytics", doctor, StringComparison.Ordinal);

        // A node that runs the projection catches up on everything written meanwhile.
        await using var runner = await NodeProcess.StartAsync(services.Settings, With(), "--orchestrator");
        await services.CaughtUpAsync(runner);
        var operations = await Eventually.Until(services.OperationsAsync, ops => ops.LastOrDefault() is AnalyticsRecovered, TimeSpan.FromSeconds(30),
            "the watch to record the recovery", ops => $"{ops.Count} operations");
        Assert.True(operations.OfType<AnalyticsRecovered>().Single().DegradedFor > TimeSpan.Zero);
        var recovered = await StatsJsonAsync();
        Assert.False(recovered.GetProperty("degraded").GetBoolean());
        Assert.Equal(ids.Count, recovered.GetProperty("definitions")[0].GetProperty("started").GetInt32());
    }

    [Fact]
    public async Task A_damaged_event_stops_the_projection_there_and_the_reason_names_it()
    {
        await using var node = await NodeProcess.StartAsync(services.Settings, With());
        await using var client = await StartClient.ConnectAsync(services.VirtualHost);
        var first = await client.StartAsync("order-fulfilment", Orders.Order("before"));
        await Orders.EndedAsync(services, [first], node);
        await services.CaughtUpAsync(node);

        // What a corrupted write would leave: a start that names no definition.
        var damaged = Guid.NewGuid();
        var damagedAt = DateTimeOffset.UtcNow;
        await using (var session = services.Store.LightweightSession())
        {
            session.Events.StartStream(damaged, new WorkflowStarted
            {
                WorkflowId = damaged,
                Definition = "",
                Version = 1,
                DefinitionHash = "",
                Input = [],
                StartedAt = DateTimeOffset.UtcNow,
            });
            await session.SaveChangesAsync();
        }

        var after = await client.StartAsync("order-fulfilment", Orders.Order("after"));
        await Orders.EndedAsync(services, [after], node);

        var degraded = (await Eventually.Until(services.OperationsAsync, ops => ops.LastOrDefault() is AnalyticsDegraded { AgentStatus: not null } last && last.At > damagedAt, TimeSpan.FromSeconds(60),
            "the watch to record that the projection stopped", ops => $"{ops.Count} operations; the node said:{Environment.NewLine}{node.Output}")).OfType<AnalyticsDegraded>().Last();
        var lag = await services.LagAsync();
        Assert.True(lag.ProcessedThrough < lag.NewestEvent, $"{lag}; the node said:{Environment.NewLine}{node.Output}");
        Assert.Contains(damaged.ToString(), degraded.Reason, StringComparison.Ordinal);
        var stats = await StatsJsonAsync();
        Assert.True(stats.GetProperty("degraded").GetBoolean(), $"{stats}; {degraded}; the node said:{Environment.NewLine}{node.Output}");
    }

    [Fact]
    public async Task A_save_that_failed_leaves_events_without_a_time_and_the_lag_is_still_read()
    {
        // A group commit that fails part-way: the first stream's append ran (and took a sequence
        // number), the second's expected version is wrong. Marten then fills the taken numbers
        // with tombstone events written without a time, which PostgreSQL stores as -infinity.
        var existing = Guid.NewGuid();
        await using (var session = services.Store.LightweightSession())
        {
            session.Events.StartStream(existing, Recovered(1));
            await session.SaveChangesAsync();
        }

        // The projection had processed everything before the failed save.
        await ExecuteAsync($"INSERT INTO sagas.mt_event_progression (name, last_seq_id) SELECT '{AnalyticsProjection.ShardName}', max(seq_id) FROM sagas.mt_events " +
            "ON CONFLICT (name) DO UPDATE SET last_seq_id = excluded.last_seq_id");

        await using (var session = services.Store.LightweightSession())
        {
            session.Events.StartStream(Guid.NewGuid(), Recovered(2));
            session.Events.Append(existing, 7, Recovered(3));
            await Assert.ThrowsAnyAsync<Exception>(() => session.SaveChangesAsync());
        }

        await Eventually.Until(() => ExecuteAsync("SELECT count(*) FROM sagas.mt_events WHERE NOT isfinite(timestamp)"), count => count > 0,
            TimeSpan.FromSeconds(15), "Marten to write its tombstones for the failed save");
        var lag = await services.LagAsync();
        Assert.True(lag.NewestEvent == lag.ProcessedThrough + 1, $"the tombstone is all that is left to process: {lag}");
        Assert.Equal(TimeSpan.Zero, lag.Behind);
    }

    private static AnalyticsRecovered Recovered(int seconds) =>
        new() { Node = "test", At = DateTimeOffset.UtcNow, DegradedFor = TimeSpan.FromSeconds(seconds) };

    private async Task<long> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(services.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() as long? ?? 0;
    }

    private async Task<JsonElement> StatsJsonAsync()
    {
        var (exitCode, output, error) = await services.SagasAsync("stats", "--json", "--since", "10m");
        Assert.True(exitCode == 0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static Dictionary<string, string> With(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string>(AnalyticsServices.QuickWatch);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return all;
    }
}
