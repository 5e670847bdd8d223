using System.Text.Json;
using MassTransit;
using MassTransit.Scheduling;

namespace Sagas.Orchestration.Outbox;

/// <summary>
/// MassTransit's scheduler API (<c>ScheduleSend</c>, <c>CancelScheduledSend</c>, the state
/// machine's <c>Schedule</c>) on PostgreSQL: scheduling records a <see cref="DurableTimer"/> in
/// the message's <see cref="PendingSchedule"/>, which the saga repository commits with the saga
/// state. Nothing reaches the broker until the <see cref="TimerRelay"/> finds the timer due, so a
/// crash before the commit arms nothing and a crash after it loses nothing.
/// </summary>
/// <remarks>
/// Send-context pipes (custom headers) are not stored: the timer carries only its message.
/// </remarks>
internal sealed class DurableScheduleMessageProvider(PendingSchedule schedule, TimeProvider clock) : IScheduleMessageProvider
{
    internal static readonly JsonSerializerOptions BodyFormat = new(JsonSerializerDefaults.Web);

    public Task<ScheduledMessage<T>> ScheduleSend<T>(Uri destinationAddress, DateTime scheduledTime, T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
        where T : class
    {
        var tokenId = NewId.NextGuid();
        var type = message.GetType();
        schedule.Arm(new DurableTimer
        {
            Id = tokenId,
            DueAt = new DateTimeOffset(DateTime.SpecifyKind(scheduledTime, scheduledTime.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc)),
            Destination = destinationAddress.ToString(),
            MessageType = TypeName(type),
            Body = JsonSerializer.Serialize(message, type, BodyFormat),
            ScheduledAt = clock.GetUtcNow(),
        });
        return Task.FromResult<ScheduledMessage<T>>(new ScheduledMessageHandle<T>(tokenId, scheduledTime, destinationAddress, message));
    }

    public Task CancelScheduledSend(Guid tokenId, CancellationToken cancellationToken)
    {
        schedule.Cancel(tokenId);
        return Task.CompletedTask;
    }

    public Task CancelScheduledSend(Uri destinationAddress, Guid tokenId, CancellationToken cancellationToken) =>
        CancelScheduledSend(tokenId, cancellationToken);

    internal static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
