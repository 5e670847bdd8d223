using Marten;
using Sagas.Analytics;
using Sagas.Analytics.Hosting;
using Sagas.Analytics.Rebuild;
using Sagas.Orchestration.Persistence;

namespace Sagas.Cli.Analytics;

/// <summary>Files a rebuild of the analytics for the orchestrators to run, and follows it until it ends.</summary>
internal sealed class RebuildRequests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    private readonly DocumentStore _store;
    private readonly PostgresSettings _settings;

    public RebuildRequests(PostgresSettings settings)
    {
        _settings = settings;
        _store = DocumentStore.For(options => AnalyticsStore.ConfigureWithWorkflows(options, settings.ConnectionString));
    }

    public async Task<AnalyticsRebuildRequest> FileAsync(CancellationToken cancellationToken)
    {
        try
        {
            var request = new AnalyticsRebuildRequest { Id = Guid.NewGuid(), RequestedAt = DateTimeOffset.UtcNow };
            await using var session = _store.LightweightSession();
            session.Store(request);
            await session.SaveChangesAsync(cancellationToken);
            return request;
        }
        catch (Exception e) when (DatabaseConnection.IsUnreachable(e))
        {
            throw DatabaseConnection.Unreachable(_settings, e);
        }
    }

    /// <summary>The request as it stands once <paramref name="done"/> holds, or when <paramref name="timeout"/> passes.</summary>
    public async Task<AnalyticsRebuildRequest> FollowAsync(Guid id, Func<AnalyticsRebuildRequest, bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            await using var session = _store.QuerySession();
            var request = await session.LoadAsync<AnalyticsRebuildRequest>(id, cancellationToken)
                ?? throw new UserErrorException($"the rebuild request {id} is gone");
            if (done(request) || DateTimeOffset.UtcNow >= deadline)
            {
                return request;
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>Takes back a request no node has started, so that no node starts it later by surprise.</summary>
    public async Task WithdrawAsync(AnalyticsRebuildRequest request, CancellationToken cancellationToken)
    {
        await using var session = _store.LightweightSession();
        session.Delete(request);
        await session.SaveChangesAsync(cancellationToken);
    }

    public void Dispose() => _store.Dispose();
}
