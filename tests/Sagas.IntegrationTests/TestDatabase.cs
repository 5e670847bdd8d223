using Marten;
using Npgsql;
using Sagas.Orchestration.Persistence;

namespace Sagas.IntegrationTests;

/// <summary>The databases of the tests: one of a test's own beside the shared test database, and the wipe of any.</summary>
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
        using var store = DocumentStore.For(options => WorkflowStore.Configure(options, connectionString));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return connectionString;
    }

    /// <summary>
    /// Every event stream and every document the store maps: workflow states,
    /// durable timers and outbox rows (one table), admission tickets and node views.
    /// </summary>
    public static async Task WipeAsync(IDocumentStore store)
    {
        await store.Advanced.Clean.DeleteAllEventDataAsync();
        await store.Advanced.Clean.DeleteAllDocumentsAsync();
    }
}
