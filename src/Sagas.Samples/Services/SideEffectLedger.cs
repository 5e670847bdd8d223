using System.Text.Json.Nodes;
using Npgsql;

namespace Sagas.Samples.Services;

/// <summary>
/// Where the sample services record each side effect under its command's idempotency key
/// (<c>samples.side_effects</c> in the node's PostgreSQL): a retried or redelivered command
/// whose key already has one gets the recorded result back, and the effect is not repeated.
/// Each effect performed is a row of its own (no unique key), so counting rows per key counts
/// effects, and a double shows as two rows (the chaos suite counts them). An undo is recorded the
/// same way under its own key, and tombstones the effect's key and service
/// (<c>samples.undone_effects</c>): a command of that key that arrives later does nothing.
/// Without a connection string (unit tests) every call does its work.
/// </summary>
public sealed class SideEffectLedger(string? connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _dataSource = string.IsNullOrWhiteSpace(connectionString) ? null : NpgsqlDataSource.Create(connectionString);
    private readonly SemaphoreSlim _creating = new(1, 1);
    private bool _created;

    /// <summary>
    /// Runs <paramref name="work"/> once per key and service; a repeat returns the first result,
    /// and a key whose effect was undone there does nothing and returns null. The key is locked (a
    /// transaction-scoped advisory lock) from the look-up to the record, so twins running at once
    /// (a timed-out attempt still working while the next one starts), or an execution and its
    /// undo, take turns: the second finds the first one's record.
    /// </summary>
    public async Task<JsonObject?> OnceAsync(string service, string key, int attempt, Func<CancellationToken, ValueTask<JsonObject>> work, CancellationToken cancellationToken)
    {
        if (_dataSource is null || string.IsNullOrEmpty(key))
        {
            return await work(cancellationToken);
        }

        await using var locked = await LockAsync(key, service, cancellationToken);
        if (await locked.TombstonedAsync(key, service, cancellationToken))
        {
            return null;
        }

        if (await locked.RecordedAsync(key, service, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var output = await work(cancellationToken);
        await locked.RecordAsync(key, service, attempt, output, cancellationToken);
        await locked.CommitAsync(cancellationToken);
        return output;
    }

    /// <summary>
    /// Undoes the effect recorded under <paramref name="effectKey"/> on <paramref name="effectService"/>,
    /// once, under the effect's own lock: <paramref name="undo"/> gets the effect's recorded output
    /// (what the refund needs, when the orchestrator never saw it). An effect that was never
    /// recorded is not undone, and the answer says so. Either way the effect's key is tombstoned
    /// there, and the undo is recorded under its own key and service, so a repeat of it returns
    /// what the first said.
    /// </summary>
    public async Task<JsonObject> UndoAsync(
        string effectService, string effectKey, string undoService, string undoKey, int attempt,
        Func<JsonObject, CancellationToken, ValueTask<JsonObject>> undo, CancellationToken cancellationToken)
    {
        if (_dataSource is null)
        {
            return await undo([], cancellationToken);
        }

        await using var locked = await LockAsync(effectKey, effectService, cancellationToken);
        if (await locked.RecordedAsync(undoKey, undoService, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        await locked.TombstoneAsync(effectKey, effectService, cancellationToken);
        var output = await locked.RecordedAsync(effectKey, effectService, cancellationToken) is { } effect
            ? await undo(effect, cancellationToken)
            : new JsonObject { ["undone"] = false, ["reason"] = $"no effect was recorded under key {effectKey} on {effectService}; nothing to undo" };
        await locked.RecordAsync(undoKey, undoService, attempt, output, cancellationToken);
        await locked.CommitAsync(cancellationToken);
        return output;
    }

    /// <summary>Whether an effect's key was undone (tombstoned) on a service, for tests.</summary>
    public async Task<bool> IsUndoneAsync(string key, string service, CancellationToken cancellationToken = default)
    {
        if (_dataSource is null)
        {
            return false;
        }

        await EnsureCreatedAsync(cancellationToken);
        await using var select = _dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM samples.undone_effects WHERE key = @key AND service = @service)");
        select.Parameters.AddWithValue("key", key);
        select.Parameters.AddWithValue("service", service);
        return (bool)(await select.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Side effects recorded under a key (every service), for tests.</summary>
    public async Task<long> CountAsync(string key, CancellationToken cancellationToken = default)
    {
        if (_dataSource is null)
        {
            return 0;
        }

        await EnsureCreatedAsync(cancellationToken);
        await using var count = _dataSource.CreateCommand("SELECT count(*) FROM samples.side_effects WHERE key = @key");
        count.Parameters.AddWithValue("key", key);
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        _creating.Dispose();
    }

    // A transaction holding the lock of one key on one service until it ends.
    private async Task<LockedKey> LockAsync(string key, string service, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var connection = await _dataSource!.OpenConnectionAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = new LockedKey(connection, transaction);
        await locked.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@key || '|' || @service, 0))", key, service, cancellationToken);
        return locked;
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created))
        {
            return;
        }

        await _creating.WaitAsync(cancellationToken);
        try
        {
            if (!_created)
            {
                await CreateAsync(cancellationToken);
                Volatile.Write(ref _created, true);
            }
        }
        finally
        {
            _creating.Release();
        }
    }

    // Nodes start at once, so the schema is made under a lock of its own rather than by racing
    // "IF NOT EXISTS". A table from before effects were rows of their own loses its primary key
    // on (key, service): with it a double could never be recorded, so it could never be counted.
    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource!.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var create = new NpgsqlCommand(
            "SELECT pg_advisory_xact_lock(hashtextextended('samples.side_effects', 0)); " +
            "CREATE SCHEMA IF NOT EXISTS samples; " +
            "CREATE TABLE IF NOT EXISTS samples.side_effects (key text NOT NULL, service text NOT NULL, attempt int NOT NULL, " +
            "output jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now()); " +
            "ALTER TABLE samples.side_effects DROP CONSTRAINT IF EXISTS side_effects_pkey; " +
            "CREATE INDEX IF NOT EXISTS side_effects_key ON samples.side_effects (key); " +
            "CREATE TABLE IF NOT EXISTS samples.undone_effects (key text NOT NULL, service text NOT NULL, " +
            "undone_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (key, service))",
            connection,
            transaction);
        await create.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
