using Marten;
using Npgsql;
using Sagas.Analytics;
using Sagas.Analytics.Hosting;
using Sagas.Analytics.Projection;
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
        using var store = DocumentStore.For(options => Configure(options, connectionString));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return connectionString;
    }

    /// <summary>A store as the nodes lay it out: the workflows' documents and streams, and the analytics' tables.</summary>
    public static void Configure(StoreOptions options, string connectionString)
    {
        WorkflowStore.Configure(options, connectionString);
        AnalyticsStore.Configure(options);
    }

    /// <summary>
    /// Every event stream and every document the store maps (workflow states, durable timers and
    /// outbox rows in one table, admission tickets and node views), and the analytics' rows.
    /// </summary>
    /// <remarks>
    /// Streams, events and documents only, never the event sequence or the async daemon's progress
    /// (as Marten's own wipes do): a daemon running in a node of the test would then wait for
    /// events it has already seen, or stop when it cannot record its progress.
    /// </remarks>
    public static async Task WipeAsync(IDocumentStore store)
    {
        await using (var session = store.LightweightSession())
        {
            session.QueueSqlCommand($"DELETE FROM {WorkflowStore.SchemaName}.mt_events");
            session.QueueSqlCommand($"DELETE FROM {WorkflowStore.SchemaName}.mt_streams");
            session.QueueSqlCommand($"DELETE FROM {StatsTables.Workflows}");
            session.QueueSqlCommand($"DELETE FROM {StatsTables.Steps}");
            await session.SaveChangesAsync();
        }

        // Each document table by its mapping: Marten's DeleteAllDocumentsAsync truncates every mt_
        // table, the daemon's progress among them.
        await store.Advanced.Clean.DeleteDocumentsExceptAsync(CancellationToken.None);
    }
}
