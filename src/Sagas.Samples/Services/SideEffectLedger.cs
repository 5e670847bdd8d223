using System.Text.Json.Nodes;
using Npgsql;

namespace Sagas.Samples.Services;

/// <summary>
/// Where the sample services record each side effect under its command's idempotency key
/// (<c>samples.side_effects</c> in the node's PostgreSQL): a retried or redelivered command
/// whose key already has one gets the recorded result back, and the effect is not repeated.
/// Each effect performed is a row of its own (no unique key), so counting rows per key counts
/// effects, and a double shows as two rows (the chaos suite counts them).
/// Without a connection string (unit tests) every call does its work.
/// </summary>
public sealed class SideEffectLedger(string? connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _dataSource = string.IsNullOrWhiteSpace(connectionString) ? null : NpgsqlDataSource.Create(connectionString);
    private readonly SemaphoreSlim _creating = new(1, 1);
    private bool _created;

    /// <summary>
    /// Runs <paramref name="work"/> once per key and service; a repeat returns the first result.
    /// The key is locked (a transaction-scoped advisory lock) from the look-up to the record, so
    /// twins running at once (a timed-out attempt still working while the next one starts) take
    /// turns: the second finds the first one's record.
    /// </summary>
    public async Task<JsonObject> OnceAsync(string service, string key, int attempt, Func<CancellationToken, ValueTask<JsonObject>> work, CancellationToken cancellationToken)
    {
        if (_dataSource is null || string.IsNullOrEmpty(key))
        {
            return await work(cancellationToken);
        }

        await EnsureCreatedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@key || '|' || @service, 0))", connection, transaction))
        {
            locking.Parameters.AddWithValue("key", key);
            locking.Parameters.AddWithValue("service", service);
            await locking.ExecuteNonQueryAsync(cancellationToken);
        }

        if (await RecordedAsync(connection, transaction, service, key, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var output = await work(cancellationToken);
        await using var insert = new NpgsqlCommand(
            "INSERT INTO samples.side_effects (key, service, attempt, output) VALUES (@key, @service, @attempt, @output::jsonb)", connection, transaction);
        insert.Parameters.AddWithValue("key", key);
        insert.Parameters.AddWithValue("service", service);
        insert.Parameters.AddWithValue("attempt", attempt);
        insert.Parameters.AddWithValue("output", output.ToJsonString());
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return output;
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

    private static async Task<JsonObject?> RecordedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string service, string key, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("SELECT output::text FROM samples.side_effects WHERE key = @key AND service = @service", connection, transaction);
        select.Parameters.AddWithValue("key", key);
        select.Parameters.AddWithValue("service", service);
        return await select.ExecuteScalarAsync(cancellationToken) is string json ? JsonNode.Parse(json)!.AsObject() : null;
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
            "CREATE INDEX IF NOT EXISTS side_effects_key ON samples.side_effects (key)",
            connection,
            transaction);
        await create.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
