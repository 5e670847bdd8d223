using System.Collections.Concurrent;
using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;

namespace Sagas.Orchestration.Tests;

/// <summary>
/// MassTransit's scheduler for the in-memory harness, on the test's clock: scheduled messages
/// wait here until the test advances the clock and fires those that are due.
/// </summary>
internal sealed class ManualTimers : IScheduleMessageProvider, IFilter<ConsumeContext>
{
    private readonly ConcurrentDictionary<Guid, Armed> _armed = new();

    public IReadOnlyCollection<Armed> Pending => [.. _armed.Values.OrderBy(a => a.DueAt)];

    public Task<ScheduledMessage<T>> ScheduleSend<T>(Uri destinationAddress, DateTime scheduledTime, T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
        where T : class
    {
        var tokenId = NewId.NextGuid();
        _armed[tokenId] = new Armed(tokenId, new DateTimeOffset(scheduledTime, TimeSpan.Zero), destinationAddress, message, typeof(T));
        return Task.FromResult<ScheduledMessage<T>>(new ScheduledMessageHandle<T>(tokenId, scheduledTime, destinationAddress, message));
    }

    public Task CancelScheduledSend(Guid tokenId, CancellationToken cancellationToken)
    {
        _armed.TryRemove(tokenId, out _);
        return Task.CompletedTask;
    }

    public Task CancelScheduledSend(Uri destinationAddress, Guid tokenId, CancellationToken cancellationToken) =>
        CancelScheduledSend(tokenId, cancellationToken);

    /// <summary>Sends every message due by <paramref name="now"/>; returns how many.</summary>
    public async Task<int> FireDueAsync(DateTimeOffset now, IBus bus)
    {
        var due = _armed.Values.Where(a => a.DueAt <= now).OrderBy(a => a.DueAt).ToList();
        foreach (var timer in due)
        {
            _armed.TryRemove(timer.TokenId, out _);
            await SendAsync(timer, bus);
        }

        return due.Count;
    }

    /// <summary>Sends a timer's message again, as a relay that died before deleting it would.</summary>
    public static async Task SendAsync(Armed timer, IBus bus)
    {
        var endpoint = await bus.GetSendEndpoint(timer.Destination);
        await endpoint.Send(timer.Message, timer.MessageType, Pipe.Execute<SendContext>(context =>
            context.Headers.Set(MessageHeaders.SchedulingTokenId, timer.TokenId.ToString("D"))));
    }

    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        // Replaces the harness's own scheduler, which runs on the real clock.
        MessageSchedulerContext Create() => new ConsumeMessageSchedulerContext(context, c => new MessageScheduler(this, c.GetPayload<IBusTopology>()));
        context.AddOrUpdatePayload(Create, _ => Create());
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("manual-timers");

    internal sealed record Armed(Guid TokenId, DateTimeOffset DueAt, Uri Destination, object Message, Type MessageType);
}
