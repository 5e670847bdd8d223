using System.Net.Sockets;
using Marten.Exceptions;
using Npgsql;

namespace Sagas.Orchestration.Tests;

public sealed class Transient_failures
{
    [Theory]
    [InlineData("57P01")] // admin shutdown: PostgreSQL restarting
    [InlineData("57P03")] // cannot connect now: still starting
    [InlineData("08006")] // connection failure
    [InlineData("40P01")] // deadlock loser
    [InlineData("53300")] // too many connections
    public void A_server_state_that_passes_is_transient(string sqlState) =>
        Assert.True(TransientFailures.IsTransient(new PostgresException("server says so", "FATAL", "FATAL", sqlState)));

    [Fact]
    public void A_refused_connection_wrapped_by_Marten_is_transient() =>
        Assert.True(TransientFailures.IsTransient(
            new MartenCommandException(new NpgsqlCommand("select 1"), new NpgsqlException("connection refused", new SocketException((int)SocketError.ConnectionRefused)))));

    [Theory]
    [InlineData("23505")] // unique violation: a bug or a duplicate, not a blip
    [InlineData("42P01")] // undefined table
    public void A_server_error_that_will_not_pass_is_not(string sqlState) =>
        Assert.False(TransientFailures.IsTransient(new PostgresException("server says so", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void A_programming_error_is_not() =>
        Assert.False(TransientFailures.IsTransient(new InvalidOperationException("no state for status")));
}
