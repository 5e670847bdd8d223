using Npgsql;
using Sagas.Analytics.Histograms;
using Sagas.Orchestration;
using Sagas.Orchestration.Workflows;

namespace Sagas.Analytics.Stats;

/// <summary>
/// What can still be said while the projections are behind or stopped: the workflows started in the
/// window, by the status their saga documents hold now, and the durations of those that ended,
/// straight from the documents (always current: every saga commit writes them).
/// </summary>
internal static class BasicStats
{
    private static readonly string Query = QueryText();

    public static async Task<IReadOnlyList<DefinitionStats>> ReadAsync(NpgsqlConnection connection, StatsRequest request, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Query, connection);
        command.Parameters.AddWithValue("since", request.Since);
        command.Parameters.AddWithValue("until", request.Until);
        command.Parameters.AddWithValue("definition", (object?)request.Definition ?? DBNull.Value);
        var definitions = new List<DefinitionStats>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            long Count(int column) => reader.GetInt64(column);
            var ended = Count(3) + Count(4) + Count(5) + Count(6);
            definitions.Add(new DefinitionStats
            {
                Definition = reader.GetString(0),
                Version = reader.GetInt32(1),
                Started = Count(2),
                Completed = Count(3),
                Failed = Count(4),
                Compensated = Count(5),
                Cancelled = Count(6),
                Rejected = Count(7),
                NeedsAttention = Count(8),
                SuccessRate = ended == 0 ? null : Math.Round((double)Count(3) / ended, 4),
                DurationMs = reader.GetValue(9) is DBNull ? null : new Percentiles(Millis(reader, 9), Millis(reader, 10), Millis(reader, 11)),
            });
        }

        return definitions;
    }

    private static double Millis(NpgsqlDataReader reader, int column) => Math.Round(reader.GetDouble(column), 3);

    private static string QueryText()
    {
        var version = DocumentLayout.KeyOf<WorkflowState>(w => w.DefinitionVersion);
        var endedAt = DocumentLayout.KeyOf<WorkflowState>(w => w.EndedAt);
        string Of(WorkflowStatus status) => $"count(*) FILTER (WHERE d.status = '{status}')";
        string Percentile(double p) =>
            $"percentile_cont({p.ToString(System.Globalization.CultureInfo.InvariantCulture)}) WITHIN GROUP (ORDER BY extract(epoch FROM e.ended - d.started_at) * 1000) FILTER (WHERE e.ended IS NOT NULL)";
        return $"""
            SELECT d.definition, coalesce((d.data ->> '{version}')::int, 0), count(*),
                   {Of(WorkflowStatus.Completed)}, {Of(WorkflowStatus.Failed)}, {Of(WorkflowStatus.Compensated)}, {Of(WorkflowStatus.Cancelled)},
                   {Of(WorkflowStatus.Rejected)}, {Of(WorkflowStatus.NeedsAttention)},
                   {Percentile(0.5)}, {Percentile(0.95)}, {Percentile(0.99)}
            FROM {DocumentLayout.TableOf<WorkflowState>()} d
            CROSS JOIN LATERAL (SELECT (d.data ->> '{endedAt}')::timestamptz AS ended) e
            WHERE d.started_at >= @since AND d.started_at <= @until AND (@definition::text IS NULL OR d.definition = @definition)
            GROUP BY 1, 2
            ORDER BY 1, 2 DESC
            """;
    }
}
