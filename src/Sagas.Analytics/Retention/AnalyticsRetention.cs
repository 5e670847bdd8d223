using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sagas.Analytics.Buckets;
using Sagas.Analytics.Projection;

namespace Sagas.Analytics.Retention;

/// <summary>
/// Removes buckets older than their retention, hourly, on every orchestrator that runs the
/// projection (a delete of what is already gone is harmless). Nothing needs rolling up first: every
/// event was counted in its hour bucket too, so dropping minutes loses only their detail.
/// </summary>
internal sealed partial class AnalyticsRetention(string connectionString, AnalyticsOptions options, TimeProvider clock, ILogger<AnalyticsRetention> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var removed = await RemoveAsync(clock.GetUtcNow(), stoppingToken);
                if (removed > 0)
                {
                    LogRemoved(removed);
                }
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(error.Message);
            }
        }
        while (await ticks.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes the buckets older than their retention at <paramref name="now"/>; returns how many.</summary>
    internal async Task<int> RemoveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var removed = 0;
        foreach (var table in new[] { StatsTables.Workflows, StatsTables.Steps })
        {
            foreach (var (granularity, kept) in new[] { (Granularity.Minute, options.MinuteRetention), (Granularity.Hour, options.HourRetention) })
            {
                await using var delete = new NpgsqlCommand($"DELETE FROM {table} WHERE granularity = @granularity AND bucket_start < @before", connection);
                delete.Parameters.AddWithValue("granularity", BucketTime.NameOf(granularity));
                delete.Parameters.AddWithValue("before", now - kept);
                removed += await delete.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "removed {Count} analytics buckets past their retention")]
    private partial void LogRemoved(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not remove old analytics buckets: {Problem}")]
    private partial void LogFailed(string problem);
}
