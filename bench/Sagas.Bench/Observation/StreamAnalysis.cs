using System.Text.Json;
using Npgsql;

namespace Sagas.Bench.Observation;

/// <summary>
/// Per-step orchestration overhead from the streams themselves: for each dispatch that a step's
/// result triggered, the time from that result being published (<c>StepCompleted.completedAt</c>,
/// stamped by the worker) to the next command's dispatch (<c>StepDispatched.dispatchedAt</c>,
/// stamped by the orchestrator when it decided, before its commit and send).
/// </summary>
internal static class StreamAnalysis
{
    public static async Task<List<double>> StepOverheadsMsAsync(string connectionString)
    {
        var overheads = new List<double>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select stream_id, type, data::text from sagas.mt_events where type in ('step_completed', 'step_dispatched') order by stream_id, version",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var stream = Guid.Empty;
        DateTimeOffset? lastResult = null;
        while (await reader.ReadAsync())
        {
            var streamId = reader.GetGuid(0);
            if (streamId != stream)
            {
                stream = streamId;
                lastResult = null;
            }

            using var data = JsonDocument.Parse(reader.GetString(2));
            if (reader.GetString(1) == "step_completed")
            {
                lastResult = data.RootElement.GetProperty("completedAt").GetDateTimeOffset();
            }
            else if (lastResult is { } result)
            {
                overheads.Add((data.RootElement.GetProperty("dispatchedAt").GetDateTimeOffset() - result).TotalMilliseconds);
            }
        }

        return overheads;
    }

    /// <summary>Bytes of every table (with its indexes and TOAST) in the sagas schema.</summary>
    public static async Task<long> SchemaBytesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'sagas' and c.relkind = 'r'",
            connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A count over a table of the sagas schema, with an optional condition ("mt_events where …").</summary>
    public static async Task<long> CountAsync(string connectionString, string fromClause)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from sagas.{fromClause}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
