using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.Contracts.Events;

namespace Sagas.Workers.Nodes;

/// <summary>
/// Publishes this node's <see cref="NodeHeartbeat"/> at once and then every interval while it
/// runs. A heartbeat that cannot be sent (the broker is away) is skipped: the next one says the
/// same, and the node counts as lost only when announcements stop for three intervals.
/// </summary>
public sealed partial class HeartbeatPublisher(
    NodeIdentity identity, IBus bus, NodeOptions options, TimeProvider clock, ILogger<HeartbeatPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(options.HeartbeatInterval, clock);
        do
        {
            await AnnounceAsync(stopping: false, stoppingToken);
        }
        while (await WaitAsync(ticks, stoppingToken));
    }

    /// <summary>A clean shutdown says goodbye, so the node shows as stopped rather than lost.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await AnnounceAsync(stopping: true, cancellationToken);
    }

    private async Task AnnounceAsync(bool stopping, CancellationToken cancellationToken)
    {
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(options.HeartbeatInterval);
            await bus.Publish(new NodeHeartbeat
            {
                NodeId = identity.NodeId,
                Host = Environment.MachineName,
                ProcessId = Environment.ProcessId,
                Roles = identity.Roles,
                Services = identity.Services,
                Capacity = identity.Capacity,
                Interval = options.HeartbeatInterval,
                StartedAt = identity.StartedAt,
                SentAt = clock.GetUtcNow(),
                Stopping = stopping,
            }, bounded.Token);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogHeartbeatFailed(logger, identity.NodeId, error);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer ticks, CancellationToken stoppingToken)
    {
        try
        {
            return await ticks.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} could not announce itself; it tries again at the next interval")]
    private static partial void LogHeartbeatFailed(ILogger logger, string nodeId, Exception error);
}
