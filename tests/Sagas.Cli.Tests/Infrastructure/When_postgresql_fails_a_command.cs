using System.Net.Sockets;
using Npgsql;
using Sagas.Cli.Infrastructure;

namespace Sagas.Cli.Tests.Infrastructure;

/// <summary>
/// Only a database the CLI cannot reach (or is not let into) is reported as unreachable, with the
/// hint to start it; an error PostgreSQL answered a query with is reported as what it is.
/// </summary>
public sealed class When_postgresql_fails_a_command
{
    [Theory]
    [InlineData("08006")] // the connection broke
    [InlineData("28P01")] // wrong password
    [InlineData("3D000")] // no such database
    [InlineData("53300")] // too many connections
    [InlineData("57P03")] // starting up
    public void A_refused_connection_is_unreachable(string state) =>
        Assert.True(DatabaseConnection.IsUnreachable(Answered(state)));

    [Fact]
    public void A_failed_connect_is_unreachable()
    {
        Assert.True(DatabaseConnection.IsUnreachable(new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException(111))));
        Assert.True(DatabaseConnection.IsUnreachable(new InvalidOperationException("wrapped", new SocketException(111))));
    }

    [Theory]
    [InlineData("22008")] // cannot subtract infinite timestamps
    [InlineData("42P01")] // no such table
    public void A_query_the_server_refused_is_not(string state) =>
        Assert.False(DatabaseConnection.IsUnreachable(Answered(state)));

    private static PostgresException Answered(string state) => new("the server's reason", "ERROR", "ERROR", state);
}
