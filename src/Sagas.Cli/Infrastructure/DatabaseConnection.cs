using System.Net.Sockets;
using Npgsql;

namespace Sagas.Cli.Infrastructure;

/// <summary>Checks PostgreSQL for the CLI; an unreachable database becomes one line naming it and the fix.</summary>
internal static class DatabaseConnection
{
    public static async Task EnsureReachableAsync(PostgresSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(settings.ConnectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            throw Unreachable(settings, e);
        }
    }

    /// <summary>
    /// The database could not be reached, or would not let us in. An error PostgreSQL answered a
    /// query with is not that: it is reported as what it is (a CI run once read a failed query
    /// as 'cannot reach PostgreSQL').
    /// </summary>
    public static bool IsUnreachable(Exception e) => IsConnectionFailure(e) || (e.InnerException is { } inner && IsConnectionFailure(inner));

    private static bool IsConnectionFailure(Exception e) => e switch
    {
        PostgresException answered => IsConnectionState(answered.SqlState),
        NpgsqlException or SocketException => true,
        _ => false,
    };

    // Connection exceptions (08), invalid authorization (28), an unknown database (3D000),
    // too many connections or no resources (53) and a server shutting down (57P).
    private static bool IsConnectionState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("28", StringComparison.Ordinal) ||
        state == "3D000" || state.StartsWith("53", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal);

    public static UserErrorException Unreachable(PostgresSettings settings, Exception e)
    {
        var connection = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var reason = e.InnerException?.Message ?? e.Message;
        return new UserErrorException(
            $"cannot reach PostgreSQL at {connection.Host}:{connection.Port} (database '{connection.Database}', user '{connection.Username}'): {reason}; start it with 'scripts/services up'", e);
    }
}
