using System.Diagnostics.Metrics;
using JasperFx;
using Marten;
using Marten.Events.Daemon.Coordination;
using Marten.Exceptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sagas.Analytics.Projection;

namespace Sagas.Analytics.Health;

/// <summary>
/// Watches how far the analytics projection is behind, on every orchestrator whether or not it runs
/// the projection: it exports the lag (<c>sagas.analytics.lag</c>), keeps <see cref="AnalyticsStatus"/>
/// for the health endpoint, logs an error when the analytics fall behind, and records
/// <see cref="AnalyticsDegraded"/> / <see cref="AnalyticsRecovered"/> in the operations stream once,
/// whichever node sees it first (the stream's version decides).
/// </summary>
internal sealed partial class AnalyticsWatch : BackgroundService
{
    private readonly IDocumentStore _store;
    private readonly AnalyticsOptions _options;
    private readonly AnalyticsStatus _status;
    private readonly string _node;
    private readonly TimeProvider _clock;
    private readonly ILogger<AnalyticsWatch> _logger;
    private readonly IProjectionCoordinator? _daemon;

    public AnalyticsWatch(
        IDocumentStore store, AnalyticsOptions options, AnalyticsStatus status, AnalyticsNode node, TimeProvider clock, IMeterFactory meters,
        IServiceProvider services, ILogger<AnalyticsWatch> logger)
    {
        // Present on a node that runs projections: only its daemon knows why the projection stopped.
        _daemon = services.GetService<IProjectionCoordinator>();
        _store = store;
        _options = options;
        _status = status;
        _node = node.Name;
        _clock = clock;
        _logger = logger;
        var meter = meters.Create(AnalyticsNode.MeterName);
        meter.CreateObservableGauge("sagas.analytics.lag", () => _status.Lag?.Behind.TotalSeconds ?? 0, "s",
            "How long the oldest event the analytics projection has not processed has waited");
        meter.CreateObservableGauge("sagas.analytics.events_behind", () => _status.Lag?.EventsBehind ?? 0, "{event}",
            "Events written that the analytics projection has not processed");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(_options.CheckInterval, _clock);
        do
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                // Logged, and tried again at the next tick: a watch that failed must never stop the node.
                LogCheckFailed(error.Message);
            }
        }
        while (await ticks.WaitForNextTickAsync(stoppingToken));
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        AnalyticsLag lag;
        await using (var connection = _store.Storage.Database.CreateConnection(Marten.Storage.ConnectionUsage.Read))
        {
            await connection.OpenAsync(cancellationToken);
            lag = WithAgentOf(await AnalyticsLagReader.ReadAsync(connection, cancellationToken));
        }

        var degraded = lag.DegradedReason(_options.LagThreshold);
        var wasDegraded = _status.Degraded;
        var stoppedBefore = (_status.Lag?.AgentStatus, _status.Lag?.FailedAtEvent);
        _status.Observe(lag, degraded);
        if (degraded is not null && (wasDegraded is null || (lag.AgentStatus, lag.FailedAtEvent) != stoppedBefore))
        {
            LogDegraded(degraded);
        }
        else if (degraded is null && wasDegraded is not null)
        {
            LogRecovered();
        }

        await RecordAsync(lag, degraded, cancellationToken);
    }

    // What the daemon's agent says, when this node runs the projection and its agent is not running.
    private AnalyticsLag WithAgentOf(AnalyticsLag lag)
    {
        var agent = _daemon?.DaemonForMainDatabase().CurrentAgents().FirstOrDefault(a => a.Name.Identity == AnalyticsProjection.ShardName);
        if (agent is null || agent.Status == AgentStatus.Running)
        {
            return lag;
        }

        return lag with
        {
            AgentStatus = agent.Status.ToString(),
            PauseReason = agent.Failure?.Message,
            FailedAtEvent = agent.Failure?.Event?.Sequence,
            FailedEventType = agent.Failure?.Event?.EventTypeName,
        };
    }

    private async Task RecordAsync(AnalyticsLag lag, string? degraded, CancellationToken cancellationToken)
    {
        await using var session = _store.LightweightSession();
        var stream = await session.Events.FetchStreamStateAsync(OperationsStream.Id, cancellationToken);
        var last = stream is null ? null
            : (await session.Events.FetchStreamAsync(OperationsStream.Id, fromVersion: stream.Version, token: cancellationToken)).LastOrDefault();
        var now = _clock.GetUtcNow();
        object? change = (degraded, last?.Data) switch
        {
            // Recorded again when the node running the projection learns where it stopped: the first record may only have seen the lag.
            (not null, AnalyticsDegraded earlier) when lag.AgentStatus is not null
                && (earlier.AgentStatus, earlier.FailedAtEvent) != (lag.AgentStatus, lag.FailedAtEvent) => Degraded(degraded, lag, now),
            (not null, not AnalyticsDegraded) => Degraded(degraded, lag, now),
            (null, AnalyticsDegraded since) => new AnalyticsRecovered { Node = _node, At = now, DegradedFor = now - since.At },
            _ => null,
        };
        if (change is null)
        {
            return;
        }

        if (stream is null)
        {
            session.Events.StartStream(OperationsStream.Id, change);
        }
        else
        {
            session.Events.Append(OperationsStream.Id, stream.Version + 1, change);
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception raced) when (raced is JasperFx.ConcurrencyException or ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException)
        {
            // Another orchestrator recorded the same change first.
        }
    }

    private AnalyticsDegraded Degraded(string reason, AnalyticsLag lag, DateTimeOffset now) => new()
    {
        Reason = reason,
        Behind = lag.Behind,
        EventsBehind = lag.EventsBehind,
        AgentStatus = lag.AgentStatus,
        FailedAtEvent = lag.FailedAtEvent,
        Node = _node,
        At = now,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "analytics degraded: {Reason}; sagas stats answers from the saga documents until they catch up")]
    private partial void LogDegraded(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "analytics recovered: the projection has caught up")]
    private partial void LogRecovered();

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not check the analytics lag: {Problem}")]
    private partial void LogCheckFailed(string problem);
}
