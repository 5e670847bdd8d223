using Microsoft.Extensions.Time.Testing;
using Sagas.Contracts.Commands;
using Sagas.Orchestration.Outbox;

namespace Sagas.Orchestration.Tests.Outbox;

public sealed class WorkflowOutboxTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));
    private readonly PendingSchedule _schedule = new();

    [Fact]
    public void A_command_is_a_row_due_when_its_lease_ends_written_with_the_saga_and_kept_to_send_after_the_commit()
    {
        var command = new RetryStep { WorkflowId = Guid.NewGuid(), StepId = "charge", Attempt = 2 };

        new WorkflowOutbox(_schedule, _clock, Lease).Send(new Uri("queue:payment"), command);

        var outgoing = Assert.Single(_schedule.Outgoing);
        Assert.Same(outgoing.Row, Assert.Single(_schedule.Armed));
        Assert.Same(command, outgoing.Message);
        Assert.Equal((TimerDelivery.Send, "queue:payment", _clock.GetUtcNow() + Lease), (outgoing.Row.Delivery, outgoing.Row.Destination, outgoing.Row.DueAt));
        Assert.Contains("\"stepId\":\"charge\"", outgoing.Row.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_with_a_short_timeout_leaves_within_half_of_it_so_it_never_goes_out_after_its_attempt_timed_out()
    {
        var outbox = new WorkflowOutbox(_schedule, _clock, Lease);

        outbox.Send(new Uri("queue:fraud"), new RetryStep { WorkflowId = Guid.NewGuid(), StepId = "check", Attempt = 1 }, answerWithin: TimeSpan.FromSeconds(4));
        outbox.Send(new Uri("queue:fraud"), new RetryStep { WorkflowId = Guid.NewGuid(), StepId = "check", Attempt = 1 }, answerWithin: TimeSpan.FromMinutes(5));

        Assert.Equal([_clock.GetUtcNow() + TimeSpan.FromSeconds(2), _clock.GetUtcNow() + Lease], _schedule.Outgoing.Select(o => o.Row.DueAt));
    }

    [Fact]
    public void An_event_is_published_rather_than_sent()
    {
        new WorkflowOutbox(_schedule, _clock, Lease).Publish(new RetryStep { WorkflowId = Guid.NewGuid(), StepId = "x", Attempt = 1 });

        Assert.Equal(TimerDelivery.Publish, Assert.Single(_schedule.Outgoing).Row.Delivery);
    }
}
