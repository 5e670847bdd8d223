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

    public static bool IsUnreachable(Exception e) => e is NpgsqlException or SocketException || e.InnerException is NpgsqlException or SocketException;

    public static UserErrorException Unreachable(PostgresSettings settings, Exception e)
    {
        var connection = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var reason = e.InnerException?.Message ?? e.Message;
        return new UserErrorException(
            $"cannot reach PostgreSQL at {connection.Host}:{connection.Port} (database '{connection.Database}', user '{connection.Username}'): {reason}; start it with 'scripts/services up'", e);
    }
}
