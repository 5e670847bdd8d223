using Marten;
using Npgsql;
using Sagas.Analytics.Health;

namespace Sagas.Bench.Observation;

/// <summary>
/// Brings the orchestrator's analytics daemon past the bench's own wipe before a timed run.
/// </summary>
/// <remarks>
/// The wipe after each warm-up round deletes events the daemon may not have seen yet; to the
/// daemon those sequence numbers are a gap, which it waits Marten's StaleSequenceThreshold (3 s)
/// on before it skips it. Measured inside the timed run, that wait was most of the lag the bench
/// reported (p99 2.5 to 3.5 s in three runs of 4164038): a cost of the bench, not of Sagas. So a
/// marker event is appended after the last wipe, and the run starts once the projection has
/// processed it.
/// </remarks>
internal static class AnalyticsSettle
{
    public static async Task AfterWipeAsync(IDocumentStore store, string connectionString)
    {
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream(Guid.NewGuid(), new BenchWipeMarker(DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var marker = (await AnalyticsLagReader.ReadAsync(connection, CancellationToken.None)).NewestEvent;
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while ((await AnalyticsLagReader.ReadAsync(connection, CancellationToken.None)).ProcessedThrough < marker)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"the analytics projection did not reach event {marker} within 30 s of the wipe");
            }

            await poll.WaitForNextTickAsync();
        }
    }
}

/// <summary>The bench's marker after a wipe (see <see cref="AnalyticsSettle"/>); no projection reads it.</summary>
internal sealed record BenchWipeMarker(DateTimeOffset At);
