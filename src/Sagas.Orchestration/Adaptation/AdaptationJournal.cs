using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.Orchestration.Policies;

namespace Sagas.Orchestration.Adaptation;

/// <summary>
/// Every second: ends the ejections whose time ran out, then appends the adaptations that began
/// or ended to their services' streams, in order, and logs each. What could not be written is
/// kept for the next round, so a database hiccup loses no record.
/// </summary>
internal sealed partial class AdaptationJournal(
    ServiceAdaptations adaptations, PolicyBook policies, IDocumentStore store, TimeProvider clock, ILogger<AdaptationJournal> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // Past this many unwritten records the oldest go, with a warning: the node keeps adapting while its database is away.
    private const int MostKept = 10_000;

    private readonly List<object> _unwritten = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(Interval, clock);
        do
        {
            adaptations.Tick(clock.GetUtcNow(), policies.AdaptiveFor);
            _unwritten.AddRange(adaptations.TakeJournal());
            if (_unwritten.Count == 0)
            {
                continue;
            }

            try
            {
                await WriteAsync(stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                LogWriteFailed(logger, _unwritten.Count, error);
                if (_unwritten.Count > MostKept)
                {
                    _unwritten.RemoveRange(0, _unwritten.Count - MostKept);
                }
            }
        }
        while (await ticks.WaitForTickOrStopAsync(stoppingToken));
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        foreach (var record in _unwritten)
        {
            switch (record)
            {
                case AdaptationApplied applied:
                    session.Events.Append(ServiceStreams.IdOf(applied.Service), applied);
                    LogApplied(logger, applied.Trigger, applied.Action, applied.Instance ?? applied.Service, applied.Reason);
                    break;
                case AdaptationReverted reverted:
                    session.Events.Append(ServiceStreams.IdOf(reverted.Service), reverted);
                    LogReverted(logger, reverted.Trigger, reverted.Action, reverted.Instance ?? reverted.Service, reverted.Reason);
                    break;
            }
        }

        await session.SaveChangesAsync(cancellationToken);
        _unwritten.Clear();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adaptation on {Trigger}: {Scope} {Action}. {Reason}")]
    private static partial void LogApplied(ILogger logger, string trigger, string action, string scope, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Adaptation on {Trigger} ended: {Scope} no longer {Action}. {Reason}")]
    private static partial void LogReverted(ILogger logger, string trigger, string action, string scope, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording {Count} adaptation(s) failed; the next round tries again")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception error);
}
