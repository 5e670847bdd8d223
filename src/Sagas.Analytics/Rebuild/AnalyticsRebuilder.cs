using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sagas.Analytics.Health;
using Sagas.Analytics.Projection;

namespace Sagas.Analytics.Rebuild;

/// <summary>
/// Runs the rebuilds operators ask for, on the one orchestrator whose daemon runs the analytics
/// projection: Marten stops the projection there, empties its tables, projects every event again
/// and resumes it, so no other node writes the tables meanwhile. Any node could take a request; only
/// that one does, and it claims it first (the request's version decides).
/// </summary>
internal sealed partial class AnalyticsRebuilder(
    IDocumentStore store, IProjectionCoordinator coordinator, AnalyticsOptions options, AnalyticsNode node, TimeProvider clock, ILogger<AnalyticsRebuilder> logger)
    : BackgroundService
{
    /// <summary>How long one rebuild may take before it is given up, with its reason recorded.</summary>
    public static readonly TimeSpan RebuildTimeout = TimeSpan.FromMinutes(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(options.CheckInterval, clock);
        while (await ticks.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (RunsTheProjection() && await ClaimAsync(stoppingToken) is { } request)
                {
                    await RebuildAsync(request, stoppingToken);
                }
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                // Logged, and tried again at the next tick: a failed look must never stop the node.
                LogLookFailed(error.Message);
            }
        }
    }

    private bool RunsTheProjection() =>
        coordinator.DaemonForMainDatabase().CurrentAgents().Any(a => a.Name.Identity == AnalyticsProjection.ShardName && a.Status == JasperFx.AgentStatus.Running);

    private async Task<AnalyticsRebuildRequest?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var request = await session.Query<AnalyticsRebuildRequest>()
            .Where(r => r.StartedAt == null)
            .OrderBy(r => r.RequestedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (request is null)
        {
            return null;
        }

        request.StartedAt = clock.GetUtcNow();
        request.Node = node.Name;
        session.Store(request);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return request;
        }
        catch (JasperFx.ConcurrencyException)
        {
            return null;
        }
    }

    private async Task RebuildAsync(AnalyticsRebuildRequest request, CancellationToken cancellationToken)
    {
        LogRebuilding(request.Id);
        try
        {
            var daemon = coordinator.DaemonForMainDatabase();
            await daemon.RebuildProjectionAsync(AnalyticsProjection.Name, RebuildTimeout, cancellationToken);

            // The rebuild leaves the projection stopped at the newest event: it goes on from there.
            await daemon.StartAgentAsync(AnalyticsProjection.ShardName, cancellationToken);
            request.ThroughEvent = await store.Advanced.ProjectionProgressFor(new JasperFx.Events.Projections.ShardName(AnalyticsProjection.Name), token: cancellationToken);
            request.CompletedAt = clock.GetUtcNow();
            LogRebuilt(request.Id, request.ThroughEvent ?? 0);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            request.Error = error.Message;
            LogRebuildFailed(request.Id, error.Message);
        }

        await using var session = store.LightweightSession();
        session.Store(request);
        await session.SaveChangesAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "rebuilding the analytics ({Request})")]
    private partial void LogRebuilding(Guid request);

    [LoggerMessage(Level = LogLevel.Information, Message = "rebuilt the analytics through event {Through} ({Request})")]
    private partial void LogRebuilt(Guid request, long through);

    [LoggerMessage(Level = LogLevel.Error, Message = "could not rebuild the analytics ({Request}): {Problem}")]
    private partial void LogRebuildFailed(Guid request, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not look for analytics rebuilds: {Problem}")]
    private partial void LogLookFailed(string problem);
}
