using Marten;
using Sagas.Analytics.Hosting;
using Sagas.Cli.Settings;
using Sagas.Orchestration.Persistence;
using Sagas.Testing;

namespace Sagas.IntegrationTests;

/// <summary>
/// A vhost, a database or both of a test class's own, beside the shared ones, for tests that
/// start node processes or delete broker objects a running node relies on. Wiping empties the
/// database and deletes and recreates the vhost, so no queue, exchange or message is left.
/// </summary>
public abstract class OwnServices(string? virtualHost, string? database) : IIntegrationFixture, IAsyncLifetime
{
    private DocumentStore? _store;

    /// <summary>The test services, with this vhost and database in place of the shared ones.</summary>
    public SagasSettings Settings { get; private set; } = null!;

    public string VirtualHost => virtualHost ?? throw new InvalidOperationException("these services have no vhost of their own");

    public string ConnectionString => Settings.Postgres.ConnectionString;

    /// <summary>A store on the database, to read what the nodes wrote.</summary>
    public IDocumentStore Store => _store ?? throw new InvalidOperationException("these services have no database of their own");

    public async Task InitializeAsync()
    {
        Settings = await TestServices.SettingsAsync();
        if (virtualHost is not null)
        {
            Settings.RabbitMq.VirtualHost = virtualHost;
        }

        if (database is not null)
        {
            Settings.Postgres.ConnectionString = await TestDatabase.PrepareAsync(database);
            _store = DocumentStore.For(options => AnalyticsStore.ConfigureWithWorkflows(options, ConnectionString));
        }
    }

    public async Task WipeAsync()
    {
        if (virtualHost is not null)
        {
            await TestBroker.RecreateVirtualHostAsync(virtualHost);
        }

        if (_store is not null)
        {
            await StoreWipe.WipeAsync(_store);
        }
    }

    public async Task<IReadOnlyList<object>> EventsAsync(Guid streamId)
    {
        await using var session = Store.QuerySession();
        return [.. (await session.Events.FetchStreamAsync(streamId)).Select(e => e.Data)];
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}
