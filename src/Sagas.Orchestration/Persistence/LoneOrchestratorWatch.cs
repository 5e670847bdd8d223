using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Nodes;

namespace Sagas.Orchestration.Persistence;

/// <summary>
/// Reads the node registry at start and then every <see cref="OrchestrationOptions.NodeWatchInterval"/>
/// and turns the <see cref="WorkflowCache"/> on while this node is the only live orchestrator, off
/// while any other announces itself (a node silent for three of its intervals does not count).
/// The first verdict and each change are logged.
/// </summary>
/// <remarks>
/// While a second orchestrator is joining, both may keep copies for up to one interval; the cache
/// is safe then too (a stale copy loses on its version or is judged again), only costlier.
/// </remarks>
internal sealed partial class LoneOrchestratorWatch(
    IDocumentStore store, WorkflowCache cache, OrchestrationOptions options, TimeProvider clock, ILogger<LoneOrchestratorWatch> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(options.NodeWatchInterval, clock);
        bool? wasInUse = null;
        do
        {
            try
            {
                var others = await OtherOrchestratorsAsync(stoppingToken);
                cache.OtherOrchestratorsSeen(others.Count);
                if (cache.InUse != wasInUse)
                {
                    wasInUse = cache.InUse;
                    LogCacheUse(logger, Verdict(others));
                }
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                // The database away: nothing commits either, so the last verdict stands.
                LogRegistryUnread(logger, error);
            }
        }
        while (await ticks.WaitForTickOrStopAsync(stoppingToken));
    }

    private async Task<List<string>> OtherOrchestratorsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var query = store.QuerySession();
        var live = await query.Query<NodeView>().Where(v => v.Status == NodeStatus.Live).ToListAsync(cancellationToken);
        return [.. live
            .Where(v => v.Roles.Contains(NodeRoleNames.Orchestrator) && !v.IsOverdue(now) && !IsThisProcess(v))
            .Select(v => $"{v.Id} on {v.Host}")];
    }

    private string Verdict(List<string> others) =>
        cache.InUse ? "on: this node is the only live orchestrator"
        : options.CachedWorkflows == 0 ? $"off: {OrchestrationOptions.SectionName}:CachedWorkflows is 0"
        : $"off: {others.Count} other live orchestrator(s) ({string.Join(", ", others)}); each message reads its workflow from PostgreSQL";

    private static bool IsThisProcess(NodeView view) => view.Host == Environment.MachineName && view.ProcessId == Environment.ProcessId;

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow cache {Change}")]
    private static partial void LogCacheUse(ILogger logger, string change);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The node registry could not be read; the workflow cache stays as it was")]
    private static partial void LogRegistryUnread(ILogger logger, Exception error);
}
