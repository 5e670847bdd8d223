using Marten;
using Npgsql;
using Sagas.Analytics;
using Sagas.Analytics.Hosting;
using Sagas.Analytics.Projection;
using Sagas.Orchestration.Persistence;

namespace Sagas.IntegrationTests;

/// <summary>The databases of the tests: one of a test's own beside the shared test database (emptied by <see cref="Sagas.Testing.StoreWipe"/>).</summary>
internal static class TestDatabase
{
    /// <summary>Creates the database when missing, applies the schema, and returns its connection string.</summary>
    public static async Task<string> PrepareAsync(string name)
    {
        var shared = (await TestServices.SettingsAsync()).Postgres.ConnectionString;
        await using (var connection = new NpgsqlConnection(shared))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", name);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
        }

        var connectionString = new NpgsqlConnectionStringBuilder(shared) { Database = name }.ConnectionString;
        using var store = DocumentStore.For(options => AnalyticsStore.ConfigureWithWorkflows(options, connectionString));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return connectionString;
    }
}
