using JasperFx.Events;
using Npgsql;
using Sagas.Analytics.Projection;
using Sagas.Orchestration;

namespace Sagas.Analytics.Health;

/// <summary>Reads <see cref="AnalyticsLag"/> from Marten's tables, in one query, by the database's clock.</summary>
/// <remarks>
/// The time behind is measured from the oldest unprocessed event that has a time: when a save
/// fails after some of its appends took sequence numbers, Marten fills those numbers with
/// tombstone events written without one (stored as -infinity, which cannot be subtracted).
/// </remarks>
public static class AnalyticsLagReader
{
    private static readonly string Query = $"""
        SELECT p.last_seq_id,
               (SELECT max(seq_id) FROM {DocumentLayout.SchemaName}.mt_events),
               now() - (SELECT e.timestamp FROM {DocumentLayout.SchemaName}.mt_events e
                        WHERE e.seq_id > coalesce(p.last_seq_id, 0) AND isfinite(e.timestamp) ORDER BY e.seq_id LIMIT 1),
               p.agent_status, p.pause_reason, p.failure_event_sequence, p.failure_event_type,
               (SELECT CASE WHEN o.type = '{typeof(AnalyticsDegraded).GetEventTypeName()}' THEN o.data ->> '{DocumentLayout.KeyOf<AnalyticsDegraded>(d => d.Reason)}' END
                FROM {DocumentLayout.SchemaName}.mt_events o WHERE o.stream_id = '{OperationsStream.Id}' ORDER BY o.version DESC LIMIT 1)
        FROM (SELECT 1) AS one
        LEFT JOIN {DocumentLayout.SchemaName}.mt_event_progression p ON p.name = '{AnalyticsProjection.ShardName}'
        """;

    public static async Task<AnalyticsLag> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Query, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new AnalyticsLag
        {
            // Every column may be null: no progress row yet, no events, nothing unprocessed, no failure.
            ProcessedThrough = reader.GetValue(0) as long? ?? 0,
            NewestEvent = reader.GetValue(1) as long? ?? 0,
            Behind = reader.GetValue(2) as TimeSpan? ?? TimeSpan.Zero,
            AgentStatus = reader.GetValue(3) as string,
            PauseReason = reader.GetValue(4) as string,
            FailedAtEvent = reader.GetValue(5) as long?,
            FailedEventType = reader.GetValue(6) as string,
            RecordedDegraded = reader.GetValue(7) as string,
        };
    }
}
