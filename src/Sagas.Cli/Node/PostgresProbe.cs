using Npgsql;
using Sagas.Workers.Nodes;

namespace Sagas.Cli.Node;

/// <summary>The orchestrator's database, asked with a trivial query at each heartbeat.</summary>
internal sealed class PostgresProbe(string connectionString) : IDependencyProbe, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public string Name => "postgresql";

    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return null;
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException)
        {
            return error.Message;
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
