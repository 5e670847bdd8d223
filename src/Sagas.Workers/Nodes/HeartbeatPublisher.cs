using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.Contracts.Events;

namespace Sagas.Workers.Nodes;

/// <summary>
/// Publishes this node's <see cref="NodeHeartbeat"/> at once and then every interval while it
/// runs. A heartbeat that cannot be sent (the broker is away) is skipped: the next one says the
/// same, and the node counts as lost only when announcements stop for three intervals.
/// Before each, it asks its dependencies' probes and escalates one that kept failing: the node
/// logs an error and its heartbeats say it is unhealthy (see <see cref="NodeHealth"/>).
/// </summary>
public sealed partial class HeartbeatPublisher(
    NodeIdentity identity, IBus bus, NodeOptions options, NodeHealth health, IEnumerable<IDependencyProbe> probes,
    IEnumerable<IDegradedPart> parts, IEnumerable<IInstanceRegistration> registrations, TimeProvider clock, ILogger<HeartbeatPublisher> logger) : BackgroundService
{
    private NodeEscalation? _escalation;

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
        if (!stopping)
        {
            await ProbeAsync(cancellationToken);
        }

        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(options.HeartbeatInterval);
            var instances = new List<ServiceInstanceReport>();
            foreach (var registration in registrations)
            {
                instances.AddRange(await registration.ReportAsync(bounded.Token));
            }

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
                Unhealthy = _escalation is { EndedAt: null } ongoing ? ongoing.Reason : null,
                Degraded = DegradedParts.Describe(parts),
                Escalation = _escalation,
                Instances = instances,
                Stopping = stopping,
            }, bounded.Token);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogHeartbeatFailed(logger, identity.NodeId, error);
        }
    }

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        foreach (var probe in probes)
        {
            string? problem;
            try
            {
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                bounded.CancelAfter(options.HeartbeatInterval);
                problem = await probe.ProblemAsync(bounded.Token);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                problem = error.Message;
            }

            health.Observe(probe.Name, problem, clock.GetUtcNow());
        }

        var now = clock.GetUtcNow();
        var verdict = health.Unhealthy(now);
        if (verdict is not null)
        {
            if (_escalation is { EndedAt: null } ongoing)
            {
                _escalation = ongoing with { Reason = verdict };
            }
            else
            {
                LogUnhealthy(logger, identity.NodeId, verdict);
                _escalation = new NodeEscalation { Since = now, Reason = verdict };
            }
        }
        else if (_escalation is { EndedAt: null } ending)
        {
            LogHealthyAgain(logger, identity.NodeId, ending.Reason);
            _escalation = ending with { EndedAt = now };
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {NodeId} is unhealthy: {Reason}; it keeps reconnecting and retrying, and its heartbeats say so")]
    private static partial void LogUnhealthy(ILogger logger, string nodeId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} is healthy again (it was: {Reason})")]
    private static partial void LogHealthyAgain(ILogger logger, string nodeId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} could not announce itself; it tries again at the next interval")]
    private static partial void LogHeartbeatFailed(ILogger logger, string nodeId, Exception error);
}
