using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sagas.Orchestration.Nodes;

/// <summary>
/// On every orchestrator node: marks a node lost once it has missed three announcements, and
/// records <see cref="NodeLost"/> in its stream. The views carry optimistic concurrency, so when
/// two orchestrators notice at once only one records it.
/// </summary>
internal sealed partial class NodeWatch(IDocumentStore store, OrchestrationOptions options, TimeProvider clock, ILogger<NodeWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(options.NodeWatchInterval, clock);
        while (await ticks.WaitForTickOrStopAsync(stoppingToken))
        {
            try
            {
                await MarkLostAsync(stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                LogWatchFailed(logger, error);
            }
        }
    }

    private async Task MarkLostAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var query = store.QuerySession();
        var live = await query.Query<NodeView>().Where(v => v.Status == NodeStatus.Live).ToListAsync(cancellationToken);
        foreach (var overdue in live.Where(v => v.IsOverdue(now)))
        {
            try
            {
                await using var session = store.LightweightSession();
                var view = await session.LoadAsync<NodeView>(overdue.Id, cancellationToken);
                if (view is null || !view.IsOverdue(now))
                {
                    continue;
                }

                view.Status = NodeStatus.Lost;
                view.LostAt = now;
                session.Store(view);
                session.Events.Append(NodeStreams.IdOf(view.Id), new NodeLost
                {
                    NodeId = view.Id,
                    Host = view.Host,
                    Roles = view.Roles,
                    LastSeen = view.LastSeen,
                    SilentFor = now - view.LastSeen,
                    LostAt = now,
                });
                await session.SaveChangesAsync(cancellationToken);
                LogNodeLost(logger, view.Id, view.Host, now - view.LastSeen);
            }
            catch (JasperFx.ConcurrencyException)
            {
                // Another orchestrator marked it, or it announced itself in between.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} on {Host} is lost: no announcement for {SilentFor}")]
    private static partial void LogNodeLost(ILogger logger, string nodeId, string host, TimeSpan silentFor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for lost nodes failed; the next round tries again")]
    private static partial void LogWatchFailed(ILogger logger, Exception error);
}
