using System.Text.Json;
using Npgsql;

namespace Sagas.Bench.Scenarios;

/// <summary>
/// What the degraded-instance scenarios read back from PostgreSQL: which instance queue each
/// worker process registered, and, from the events recorded after a mark, the attempts that
/// failed or were retries, where steps went, and when the orchestrator first adapted.
/// </summary>
internal sealed class DegradedStreams(string connectionString)
{
    /// <summary>Forgets every registered node, so only the scenario's own processes are discovered.</summary>
    public Task ForgetNodesAsync() => ExecuteAsync("delete from sagas.mt_doc_nodeview");

    /// <summary>The noop instance queue of each process that registered one, by process id.</summary>
    public async Task<Dictionary<int, string>> NoopInstancesAsync()
    {
        var queues = new Dictionary<int, string>();
        await foreach (var data in ReadAsync("select data::text from sagas.mt_doc_nodeview"))
        {
            using var node = JsonDocument.Parse(data);
            var pid = node.RootElement.GetProperty("processId").GetInt32();
            foreach (var instance in node.RootElement.GetProperty("instances").EnumerateArray())
            {
                if (instance.GetProperty("service").GetString() == "noop" && instance.GetProperty("health").GetString() == "healthy")
                {
                    queues[pid] = instance.GetProperty("queue").GetString()!;
                }
            }
        }

        return queues;
    }

    /// <summary>The last event's sequence number: what a measured run counts after.</summary>
    public async Task<long> MarkAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("select coalesce(max(seq_id), 0) from sagas.mt_events", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>Attempts that failed, and attempts that were retries, since <paramref name="mark"/>.</summary>
    public Task<(long Failed, long Retries)> AttemptsAsync(long mark) =>
        RowAsync(
            "select count(*) filter (where type = 'step_failed'), count(*) filter (where type = 'step_dispatched' and (data->>'attempt')::int > 1) "
            + "from sagas.mt_events where seq_id > @mark and type in ('step_failed', 'step_dispatched')",
            row => (row.GetInt64(0), row.GetInt64(1)),
            ("mark", mark));

    /// <summary>Of the steps dispatched at or after <paramref name="since"/> (and after <paramref name="mark"/>), the share sent to <paramref name="instance"/>.</summary>
    public Task<double?> ShareAsync(long mark, DateTimeOffset since, string instance) =>
        RowAsync(
            "select count(*), count(*) filter (where data->>'instance' = @instance) from sagas.mt_events "
            + "where seq_id > @mark and type = 'step_dispatched' and timestamp >= @since",
            row => row.GetInt64(0) is var all and > 0 ? Math.Round(row.GetInt64(1) / (double)all, 3) : (double?)null,
            ("mark", mark), ("since", since), ("instance", instance));

    /// <summary>Seconds from <paramref name="since"/> to the first adaptation of noop on <paramref name="trigger"/> after it, or null when none came.</summary>
    public Task<double?> ReactionSecondsAsync(long mark, DateTimeOffset since, string trigger) =>
        RowAsync(
            // When it was decided (appliedAt), not when the journal wrote it (up to a second later).
            "select min((data->>'appliedAt')::timestamptz) from sagas.mt_events where seq_id > @mark and type = 'adaptation_applied' "
            + "and data->>'service' = 'noop' and data->>'trigger' = @trigger and (data->>'appliedAt')::timestamptz >= @since",
            row => row.IsDBNull(0) ? (double?)null : Math.Round((new DateTimeOffset(row.GetDateTime(0), TimeSpan.Zero) - since).TotalSeconds, 2),
            ("mark", mark), ("since", since), ("trigger", trigger));

    /// <summary>Each adaptation recorded since <paramref name="mark"/>, as a line: when, what and why.</summary>
    public async Task<List<string>> AdaptationsAsync(long mark)
    {
        var lines = new List<string>();
        await foreach (var line in ReadAsync(
            "select to_char(timestamp, 'HH24:MI:SS.MS') || ' ' || replace(type, 'adaptation_', '') || ' ' || coalesce(data->>'trigger', '') || ': ' || coalesce(data->>'reason', '') "
            + $"from sagas.mt_events where seq_id > {mark} and type in ('adaptation_applied', 'adaptation_reverted') order by seq_id"))
        {
            lines.Add(line);
        }

        return lines;
    }

    // One row of a query with parameters, read by read.
    private async Task<T> RowAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return read(reader);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async IAsyncEnumerable<string> ReadAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            yield return reader.GetString(0);
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
