using System.Text.Json.Nodes;
using Npgsql;

namespace Sagas.Samples.Services;

/// <summary>
/// A ledger transaction that holds the advisory lock of one key on one service until it ends: what
/// it reads and writes about that effect (its record, its undo, its tombstone) no twin can
/// interleave with.
/// </summary>
internal sealed class LockedKey(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    public async Task<JsonObject?> RecordedAsync(string key, string service, CancellationToken cancellationToken)
    {
        await using var select = Command("SELECT output::text FROM samples.side_effects WHERE key = @key AND service = @service", key, service);
        return await select.ExecuteScalarAsync(cancellationToken) is string json ? JsonNode.Parse(json)!.AsObject() : null;
    }

    public async Task<bool> TombstonedAsync(string key, string service, CancellationToken cancellationToken)
    {
        await using var select = Command("SELECT EXISTS (SELECT 1 FROM samples.undone_effects WHERE key = @key AND service = @service)", key, service);
        return (bool)(await select.ExecuteScalarAsync(cancellationToken))!;
    }

    public Task TombstoneAsync(string key, string service, CancellationToken cancellationToken) =>
        ExecuteAsync("INSERT INTO samples.undone_effects (key, service) VALUES (@key, @service) ON CONFLICT DO NOTHING", key, service, cancellationToken);

    public async Task RecordAsync(string key, string service, int attempt, JsonObject output, CancellationToken cancellationToken)
    {
        await using var insert = Command("INSERT INTO samples.side_effects (key, service, attempt, output) VALUES (@key, @service, @attempt, @output::jsonb)", key, service);
        insert.Parameters.AddWithValue("attempt", attempt);
        insert.Parameters.AddWithValue("output", output.ToJsonString());
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ExecuteAsync(string sql, string key, string service, CancellationToken cancellationToken)
    {
        await using var command = Command(sql, key, service);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    private NpgsqlCommand Command(string sql, string key, string service)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("service", service);
        return command;
    }
}
