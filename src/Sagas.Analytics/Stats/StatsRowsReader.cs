using Npgsql;
using Sagas.Analytics.Buckets;
using Sagas.Analytics.Projection;
using Sagas.Analytics.Tally;

namespace Sagas.Analytics.Stats;

/// <summary>Reads the stats rows of a window: one query per table, through their primary keys (granularity, then time).</summary>
internal static class StatsRowsReader
{
    private static readonly string WorkflowColumns = string.Join(", ", StatsTables.WorkflowKey.Concat(StatsTables.WorkflowCounts).Concat(StatsTables.WorkflowMaps.Select(m => $"{m}::text")));
    private static readonly string StepColumns = string.Join(", ", StatsTables.StepKey.Concat(StatsTables.StepCounts).Concat(StatsTables.StepMaps.Select(m => $"{m}::text")));

    public static async Task<IReadOnlyList<WorkflowRow>> WorkflowsAsync(
        NpgsqlConnection connection, Granularity granularity, DateTimeOffset since, StatsRequest request, CancellationToken cancellationToken)
    {
        await using var command = WindowCommand(connection, WorkflowColumns, StatsTables.Workflows, granularity, since, request.Until);
        if (request.Definition is { } definition)
        {
            command.CommandText += " AND definition = @definition";
            command.Parameters.AddWithValue("definition", definition);
        }

        var rows = new List<WorkflowRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var counts = new WorkflowBucketDelta
            {
                Started = reader.GetInt64(4),
                Completed = reader.GetInt64(5),
                Failed = reader.GetInt64(6),
                Compensated = reader.GetInt64(7),
                Cancelled = reader.GetInt64(8),
                Rejected = reader.GetInt64(9),
                NeedsAttention = reader.GetInt64(10),
            };
            counts.Failures.MergeJson(reader.GetString(11));
            counts.Durations.MergeJson(reader.GetString(12));
            rows.Add(new WorkflowRow(new WorkflowBucketKey(granularity, await reader.GetFieldValueAsync<DateTimeOffset>(1, cancellationToken), reader.GetString(2), reader.GetInt32(3)), counts));
        }

        return rows;
    }

    public static async Task<IReadOnlyList<StepRow>> StepsAsync(
        NpgsqlConnection connection, Granularity granularity, DateTimeOffset since, StatsRequest request, CancellationToken cancellationToken)
    {
        await using var command = WindowCommand(connection, StepColumns, StatsTables.Steps, granularity, since, request.Until);
        if (request.Definition is { } definition)
        {
            command.CommandText += " AND definition = @definition";
            command.Parameters.AddWithValue("definition", definition);
        }

        if (request.Service is { } service)
        {
            command.CommandText += " AND service = @service";
            command.Parameters.AddWithValue("service", service);
        }

        var rows = new List<StepRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var counts = new StepBucketDelta
            {
                Dispatches = reader.GetInt64(8),
                Completed = reader.GetInt64(9),
                Failed = reader.GetInt64(10),
                Timeouts = reader.GetInt64(11),
                Retries = reader.GetInt64(12),
                Reroutes = reader.GetInt64(13),
                Compensations = reader.GetInt64(14),
                CompensationFailures = reader.GetInt64(15),
            };
            counts.Failures.MergeJson(reader.GetString(16));
            counts.QueueWait.MergeJson(reader.GetString(17));
            counts.Execution.MergeJson(reader.GetString(18));
            var key = new StepBucketKey(granularity, await reader.GetFieldValueAsync<DateTimeOffset>(1, cancellationToken), reader.GetString(2), reader.GetInt32(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7));
            rows.Add(new StepRow(key, counts));
        }

        return rows;
    }

    private static NpgsqlCommand WindowCommand(
        NpgsqlConnection connection, string columns, string table, Granularity granularity, DateTimeOffset since, DateTimeOffset until)
    {
        var command = new NpgsqlCommand(
            $"SELECT {columns} FROM {table} WHERE granularity = @granularity AND bucket_start >= @since AND bucket_start <= @until", connection);
        command.Parameters.AddWithValue("granularity", BucketTime.NameOf(granularity));
        command.Parameters.AddWithValue("since", since);
        command.Parameters.AddWithValue("until", until);
        return command;
    }
}
