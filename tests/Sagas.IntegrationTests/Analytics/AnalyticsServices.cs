using Marten;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Sagas.Analytics.Health;
using Sagas.Cli.Commands;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Analytics;

/// <summary>A vhost and database of an analytics test class's node processes, how far their projection has come, and the CLI on them.</summary>
public abstract class AnalyticsServices(string name) : OwnServices($"sagas-test-{name}", $"sagas_test_{name.Replace('-', '_')}")
{
    /// <summary>Settings that make a node notice lag within a second or two, not the half-minute of production.</summary>
    public static readonly IReadOnlyDictionary<string, string> QuickWatch = new Dictionary<string, string>
    {
        ["Sagas:Analytics:LagThreshold"] = "00:00:01",
        ["Sagas:Analytics:CheckInterval"] = "00:00:00.500",
        ["Sagas:Nodes:HeartbeatInterval"] = "00:00:01",
    };

    public async Task<AnalyticsLag> LagAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return await AnalyticsLagReader.ReadAsync(connection, CancellationToken.None);
    }

    /// <summary>Waits until the analytics projection has processed every event written so far.</summary>
    internal Task<AnalyticsLag> CaughtUpAsync(NodeProcess node) =>
        Eventually.Until(LagAsync, lag => lag.NewestEvent > 0 && lag.ProcessedThrough >= lag.NewestEvent, TimeSpan.FromSeconds(60),
            "the analytics projection to process every event", lag => $"{lag}; the node said:{Environment.NewLine}{node.Output}");

    /// <summary>What the operations stream holds: the analytics' own history.</summary>
    public async Task<IReadOnlyList<object>> OperationsAsync()
    {
        await using var session = Store.QuerySession();
        return [.. (await session.Events.FetchStreamAsync(OperationsStream.Id)).Select(e => e.Data)];
    }

    /// <summary>Runs a <c>sagas</c> command in this process, on this database.</summary>
    public async Task<(int ExitCode, string Output, string Error)> SagasAsync(params string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(await TestServices.ConfigurationAsync())
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sagas:Postgres:ConnectionString"] = ConnectionString })
            .AddInMemoryCollection(QuickWatch.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SagasCli.RunAsync(args, output, error, configuration);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>What a node's <c>/health/ready</c> answers, at the address its start-up line gave.</summary>
    internal static async Task<(int Status, string Body)> ReadyAsync(NodeProcess node)
    {
        const string marker = "metrics and health at ";
        var line = node.Output.Split(Environment.NewLine).First(l => l.Contains(marker, StringComparison.Ordinal));
        var address = line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Split(' ')[0];
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(new Uri(address), "health/ready"));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>The stats test's services.</summary>
public sealed class StatsServices() : AnalyticsServices("analytics-stats");

/// <summary>The rebuild test's services.</summary>
public sealed class RebuildServices() : AnalyticsServices("analytics-rebuild");

/// <summary>The degraded-path tests' services.</summary>
public sealed class DegradedServices() : AnalyticsServices("analytics-degraded");

/// <summary>The retention test's database (no node runs on it).</summary>
public sealed class RetentionServices() : AnalyticsServices("analytics-retention");
