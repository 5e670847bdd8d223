using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Sagas.Analytics;
using Sagas.Analytics.Projection;
using Sagas.Analytics.Retention;

namespace Sagas.IntegrationTests.Analytics;

/// <summary>Minute buckets are kept 30 days and hour buckets a year; older ones are deleted, newer ones kept.</summary>
public sealed class When_buckets_outlive_their_retention(RetentionServices services) : IntegrationTest, IClassFixture<RetentionServices>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    protected override IIntegrationFixture Fixture => services;

    [Fact]
    public async Task Only_the_buckets_past_their_retention_are_deleted()
    {
        await InsertAsync("minute", Now.AddDays(-31));
        await InsertAsync("minute", Now.AddDays(-29));
        await InsertAsync("hour", Now.AddDays(-366));
        await InsertAsync("hour", Now.AddDays(-31));

        var retention = new AnalyticsRetention(services.ConnectionString, new AnalyticsOptions(), TimeProvider.System, NullLogger<AnalyticsRetention>.Instance);
        var removed = await retention.RemoveAsync(Now, CancellationToken.None);

        Assert.Equal(2, removed);
        Assert.Equal([("hour", Now.AddDays(-31)), ("minute", Now.AddDays(-29))], await BucketsAsync());
    }

    private async Task InsertAsync(string granularity, DateTimeOffset start)
    {
        await using var connection = new NpgsqlConnection(services.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO {StatsTables.Workflows} (granularity, bucket_start, definition, version, started) VALUES (@granularity, @start, 'order', 1, 1)", connection);
        insert.Parameters.AddWithValue("granularity", granularity);
        insert.Parameters.AddWithValue("start", start);
        await insert.ExecuteNonQueryAsync();
    }

    private async Task<IReadOnlyList<(string, DateTimeOffset)>> BucketsAsync()
    {
        await using var connection = new NpgsqlConnection(services.ConnectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand($"SELECT granularity, bucket_start FROM {StatsTables.Workflows} ORDER BY 1, 2", connection);
        await using var reader = await select.ExecuteReaderAsync();
        var buckets = new List<(string, DateTimeOffset)>();
        while (await reader.ReadAsync())
        {
            buckets.Add((reader.GetString(0), await reader.GetFieldValueAsync<DateTimeOffset>(1)));
        }

        return buckets;
    }
}
