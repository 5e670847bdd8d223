using Npgsql;

namespace Sagas.Orchestration.Persistence;

/// <summary>
/// Which node runs a job that only one node should (the sweeper): the holder of a PostgreSQL
/// session advisory lock, on a connection of its own. When the holder dies, or PostgreSQL
/// restarts, its session ends and the lock with it, so another node takes the job at its next try.
/// No leader election, no lease table: the database's own session is the lease.
/// </summary>
internal sealed class JobOwnership(string connectionString, string job) : IAsyncDisposable
{
    // Unpooled: a pooled connection returned to the pool would keep the lock in an idle session.
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
    private readonly long _key = KeyOf(job);
    private NpgsqlConnection? _held;

    /// <summary>True while this node holds the job: checks that its session is still alive, or tries to take it.</summary>
    public async Task<bool> HoldAsync(CancellationToken cancellationToken)
    {
        if (_held is not null)
        {
            try
            {
                await using var alive = new NpgsqlCommand("SELECT 1", _held);
                await alive.ExecuteScalarAsync(cancellationToken);
                return true;
            }
            catch (Exception error) when (error is NpgsqlException or InvalidOperationException)
            {
                // The session is gone (PostgreSQL restarted, the network broke): so is the lock.
                await ReleaseAsync();
            }
        }

        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            take.Parameters.AddWithValue("key", _key);
            if (await take.ExecuteScalarAsync(cancellationToken) is true)
            {
                _held = connection;
                return true;
            }
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return false;
    }

    /// <summary>Gives the job up (its session ends), so a node that can do it takes it at its next try.</summary>
    public async Task ReleaseAsync()
    {
        if (_held is { } held)
        {
            _held = null;
            await held.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();

    // A stable 64-bit key from the job's name (string.GetHashCode differs between processes).
    private static long KeyOf(string job) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"sagas:{job}")), 0);
}
