using Npgsql;
using Sagas.Analytics.Projection;
using Sagas.IntegrationTests.Engine;

namespace Sagas.IntegrationTests.Analytics;

/// <summary>
/// <c>sagas analytics rebuild</c> against a running node: the node that runs the projection
/// empties the tables and projects every event again, and the rows it ends with are the rows the
/// live projection had built; afterwards the projection goes on with new events.
/// </summary>
public sealed class When_the_analytics_are_rebuilt(RebuildServices services) : IntegrationTest, IClassFixture<RebuildServices>
{
    protected override IIntegrationFixture Fixture => services;

    [Fact]
    public async Task The_rebuilt_rows_equal_the_live_ones_and_new_events_are_still_projected()
    {
        await using var node = await NodeProcess.StartAsync(services.Settings, AnalyticsServices.QuickWatch);
        await using var client = await StartClient.ConnectAsync(services.VirtualHost);
        var ids = await Orders.StartMixedAsync(client, completing: 4);
        await Orders.EndedAsync(services, ids, node);
        await services.CaughtUpAsync(node);
        var live = await RowsAsync();

        var (exitCode, output, error) = await services.SagasAsync("analytics", "rebuild", "--timeout", "120");

        Assert.True(exitCode == 0, $"{error}{output}; the node said:{Environment.NewLine}{node.Output}");
        Assert.Contains("rebuilt the analytics through event", output, StringComparison.Ordinal);
        Assert.Equal(live, await RowsAsync());

        var later = await client.StartAsync("order-fulfilment", Orders.Order("after-the-rebuild"));
        await Orders.EndedAsync(services, [later], node);
        await services.CaughtUpAsync(node);
        Assert.NotEqual(live, await RowsAsync());
    }

    // Every row of both tables, as text, in key order: two projections agree when these are equal.
    private async Task<IReadOnlyList<string>> RowsAsync()
    {
        await using var connection = new NpgsqlConnection(services.ConnectionString);
        await connection.OpenAsync();
        var rows = new List<string>();
        foreach (var table in new[] { StatsTables.Workflows, StatsTables.Steps })
        {
            await using var command = new NpgsqlCommand($"SELECT t::text FROM {table} t ORDER BY 1", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }

        return rows;
    }
}
