using System.Text.Json;

namespace Sagas.Orchestration.Outbox;

/// <summary>
/// Where the saga's commands and events go instead of the broker: rows in the timer table,
/// written in the saga's own transaction (<see cref="PendingSchedule"/>). So a state that rolls
/// back sends nothing, and a state that commits cannot lose its sends: the committing node sends
/// them at once (<see cref="OutboxDispatcher"/>), and if it dies first, each row falls due when
/// its lease ends and any node's <see cref="TimerRelay"/> sends it.
/// </summary>
/// <remarks>
/// One per attempt at a message, put on its consume context by the saga repository. A lease
/// that ends while the committing node is merely slow sends a message twice; every receiver
/// already treats a repeat as harmless (results by attempt, commands by idempotency key).
/// </remarks>
internal sealed class WorkflowOutbox(PendingSchedule schedule, TimeProvider clock, TimeSpan lease) : IWorkflowOutbox
{
    /// <summary>
    /// A command; <paramref name="answerWithin"/> is how long its receiver has (a step's timeout):
    /// the lease is at most half of it, so a command whose node died leaves before its attempt
    /// times out, never after a retry or the workflow's end made it stale.
    /// </summary>
    public void Send(Uri destination, object message, TimeSpan? answerWithin = null) =>
        Enqueue(TimerDelivery.Send, destination.ToString(), message, answerWithin is { } within && within / 2 < lease ? within / 2 : lease);

    public void Publish(object message) => Enqueue(TimerDelivery.Publish, string.Empty, message, lease);

    private void Enqueue(TimerDelivery delivery, string destination, object message, TimeSpan lease)
    {
        var type = message.GetType();
        var now = clock.GetUtcNow();
        schedule.Enqueue(new OutgoingMessage(new DurableTimer
        {
            Id = Guid.CreateVersion7(now),
            DueAt = now + lease,
            Destination = destination,
            MessageType = DurableScheduleMessageProvider.TypeName(type),
            Body = JsonSerializer.Serialize(message, type, DurableScheduleMessageProvider.BodyFormat),
            ScheduledAt = now,
            Delivery = delivery,
        }, message, type));
    }
}
