using System.Diagnostics;
using Npgsql;
using Sagas.Analytics.Health;

namespace Sagas.Bench.Observation;

/// <summary>
/// Reads the analytics lag (the age of the oldest event the projection has not processed) every
/// 250 ms while a scenario runs, then how long the projection takes to catch up once it ends.
/// </summary>
internal sealed class AnalyticsLagSampler : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);

    private readonly string _connectionString;
    private readonly List<double> _lagsMs = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    private AnalyticsLagSampler(string connectionString)
    {
        _connectionString = connectionString;
        _sampling = SampleAsync(_stop.Token);
    }

    public static AnalyticsLagSampler Start(string connectionString) => new(connectionString);

    /// <summary>The lag's p99 over the run, and the time from now until the projection had every event (null: not within two minutes).</summary>
    public async Task<(double LagP99Ms, double? CatchUpMs)> StopAsync()
    {
        await _stop.CancelAsync();
#pragma warning disable VSTHRD003 // started by this sampler, which alone awaits it
        await _sampling;
#pragma warning restore VSTHRD003
        var since = Stopwatch.GetTimestamp();
        double? catchUp = null;
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (Stopwatch.GetElapsedTime(since) < TimeSpan.FromMinutes(2) && await poll.WaitForNextTickAsync())
        {
            var lag = await ReadAsync(CancellationToken.None);
            if (lag.ProcessedThrough >= lag.NewestEvent)
            {
                catchUp = Math.Round(Stopwatch.GetElapsedTime(since).TotalMilliseconds, 1);
                break;
            }
        }

        return (Percentiles.Of(_lagsMs, 99) ?? 0, catchUp);
    }

    private async Task SampleAsync(CancellationToken stop)
    {
        using var ticks = new PeriodicTimer(Every);
        try
        {
            while (await ticks.WaitForNextTickAsync(stop))
            {
                _lagsMs.Add((await ReadAsync(stop)).Behind.TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: the run is over.
        }
    }

    private async Task<AnalyticsLag> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return await AnalyticsLagReader.ReadAsync(connection, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
#pragma warning disable VSTHRD003 // started by this sampler, which alone awaits it
        await _sampling;
#pragma warning restore VSTHRD003
        _stop.Dispose();
    }
}
