using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Sagas.Orchestration.Outbox;

/// <summary>
/// The relay's side of the timer table (Marten's <c>sagas.mt_doc_timer</c>, written by the saga
/// repository). Due rows are claimed with <c>FOR UPDATE SKIP LOCKED</c> inside one transaction,
/// sent, and deleted when it commits: several nodes polling never take the same row, and a node
/// that dies mid-way leaves its rows to the next poll (at least once; the saga ignores repeats).
/// </summary>
internal sealed class TimerTable(string connectionString) : IAsyncDisposable
{
    public static readonly string Name = DocumentLayout.TableOf<DurableTimer>();

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    /// <summary>Sends up to <paramref name="limit"/> due timers; returns how many were claimed.</summary>
    public async Task<int> RelayDueAsync(DateTimeOffset now, int limit, Func<DurableTimer, Task> send, Func<DurableTimer, Exception, bool> onFailed, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var due = await ClaimAsync(connection, transaction, now, limit, cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        // One lane per destination, in due order within it, the lanes side by side: a destination
        // whose sends hang until they time out (a queue declared with other arguments, a broker
        // refusing it) holds back its own rows, not every timer of the cluster (a demo run saw each
        // retry delay grow by 10 s behind one such row).
        var sent = new List<Guid>();
        var postponed = new List<Guid>();
        await Task.WhenAll(due.GroupBy(timer => timer.Destination, StringComparer.Ordinal).Select(async lane =>
        {
            foreach (var timer in lane)
            {
                var outcome = sent;
                try
                {
                    await send(timer);
                }
                catch (Exception error) when (!cancellationToken.IsCancellationRequested && onFailed(timer, error))
                {
                    outcome = postponed;
                }

                lock (outcome)
                {
                    outcome.Add(timer.Id);
                }
            }
        }));

        await ExecuteAsync(connection, transaction, $"DELETE FROM {Name} WHERE id = ANY(@ids)", sent, cancellationToken);
        // A timer that cannot be sent (its type is unknown, the broker away) is kept and tried again
        // a few seconds later rather than blocking the others or vanishing. Not a minute: a step's
        // timeout held back that long while the broker restarts let a late answer win over it (chaos
        // seed 740759: a charge done, then failed by a hung service, stood beside its failover).
        await ExecuteAsync(connection, transaction, $"UPDATE {Name} SET due_at = @now::timestamptz + interval '5 seconds' WHERE id = ANY(@ids)", postponed, cancellationToken, now);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    /// <summary>Deletes rows whose messages were sent elsewhere (the saga outbox's, by their node).</summary>
    public async Task DeleteAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"DELETE FROM {Name} WHERE id = ANY(@ids)");
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Rows due and not yet sent (outgoing messages, and timers whose time has come): the outbox's backlog.</summary>
    public async Task<long> CountDueAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"SELECT count(*) FROM {Name} WHERE due_at <= now()");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Timers waiting, for diagnostics and tests.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"SELECT count(*) FROM {Name}");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task<List<DurableTimer>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT data FROM {Name} WHERE due_at <= @now ORDER BY due_at LIMIT @limit FOR UPDATE SKIP LOCKED", connection, transaction);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("limit", limit);
        var due = new List<DurableTimer>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(JsonSerializer.Deserialize<DurableTimer>(reader.GetString(0), DurableScheduleMessageProvider.BodyFormat)!);
        }

        return due;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, List<Guid> ids, CancellationToken cancellationToken, DateTimeOffset? now = null)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids.ToArray() });
        if (now is { } value)
        {
            command.Parameters.AddWithValue("now", value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
