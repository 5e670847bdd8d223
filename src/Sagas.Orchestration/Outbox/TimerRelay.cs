using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sagas.Orchestration.Outbox;

/// <summary>
/// Sends due <see cref="DurableTimer"/>s to their destinations, on every orchestrator node.
/// Each firing carries MassTransit's scheduling token header, as a broker-scheduled message would.
/// Outbox rows whose lease ended (their node died before sending them) are sent or published as
/// the saga meant them.
/// </summary>
internal sealed partial class TimerRelay(
    TimerTable table, IBus bus, OrchestrationOptions options, TimeProvider clock, ILogger<TimerRelay> logger) : BackgroundService
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var poll = new PeriodicTimer(options.TimerPollInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await table.RelayDueAsync(clock.GetUtcNow(), options.TimersPerPoll, timer => SendAsync(timer, stoppingToken), OnSendFailed, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // The database or broker is away: the timers stay in their table for the next poll.
                LogRelayFailed(logger, error);
            }

            // A full batch means more may be due: take them at once rather than a poll later.
            if (claimed < options.TimersPerPoll && !await poll.WaitForTickOrStopAsync(stoppingToken))
            {
                return;
            }
        }
    }

    // Bounded: the claimed rows stay locked while they are sent, and a saga cancelling one of
    // them waits for this transaction, so a broker that does not confirm must not hold it long.
    private async Task SendAsync(DurableTimer timer, CancellationToken stoppingToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        bounded.CancelAfter(SendTimeout);
        var type = Type.GetType(timer.MessageType, throwOnError: true)!;
        var message = JsonSerializer.Deserialize(timer.Body, type, DurableScheduleMessageProvider.BodyFormat)!;
        if (timer.Delivery == TimerDelivery.Publish)
        {
            await bus.Publish(message, type, bounded.Token);
            return;
        }

        // Only a timer firing carries its token; an outbox command is sent as the saga sent it.
        var endpoint = await bus.GetSendEndpoint(new Uri(timer.Destination));
        await endpoint.Send(message, type, Pipe.Execute<SendContext>(context =>
        {
            if (timer.Delivery == TimerDelivery.Scheduled)
            {
                context.Headers.Set(MessageHeaders.SchedulingTokenId, timer.Id.ToString("D"));
            }
        }), bounded.Token);
    }

    private bool OnSendFailed(DurableTimer timer, Exception error)
    {
        LogSendFailed(logger, timer.Id, timer.MessageType, timer.Destination, error);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying due timers failed; they stay stored and the next poll tries again")]
    private static partial void LogRelayFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {TimerId} ({MessageType} to {Destination}) could not be sent; it is kept and tried again in 5 s")]
    private static partial void LogSendFailed(ILogger logger, Guid timerId, string messageType, string destination, Exception error);
}
