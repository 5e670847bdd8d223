using Sagas.Orchestration.Admission;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Tests.Decisions;
using Sagas.Orchestration.Workflows;
using static Sagas.Orchestration.Tests.Decisions.DeciderSpecification;

namespace Sagas.Orchestration.Tests.Admission;

/// <summary>
/// The admission tickets a commit writes and deletes follow from what its events did to the
/// tickets the run holds.
/// </summary>
public sealed class When_tickets_are_written_with_a_commit
{
    private readonly DeciderSpecification _spec = new();

    [Fact]
    public void A_step_queued_under_limits_writes_its_ticket_and_its_result_deletes_it()
    {
        var state = Given(_spec.Started());
        state.Record(Queued("payment"));

        var written = Assert.Single(TicketChanges.Of(state, state.PendingEvents));
        Assert.Equal(("payment", (DateTimeOffset?)null), (written.Ticket!.Service, written.Ticket.AdmittedAt));
        state.TakeRecorded();

        state.Record(Dispatched("charge-payment", service: "payment") with { Admitted = true });
        state.Record(Completed("charge-payment"));
        var deleted = Assert.Single(TicketChanges.Of(state, state.PendingEvents));
        Assert.Equal((written.Id, (AdmissionTicket?)null), (deleted.Id, deleted.Ticket));
    }

    [Fact]
    public void An_admitted_step_that_fails_over_to_another_limited_service_waits_there_under_the_same_ticket_written_afresh()
    {
        var state = Given(_spec.Started(), Queued("payment"));
        state.Record(new StepRerouted
        {
            WorkflowId = Id,
            StepId = "charge-payment",
            Attempt = 1,
            From = "payment",
            To = "payment-backup",
            Reason = "circuit open",
            ReroutedAt = At,
        });
        state.Record(Queued("payment-backup"));

        var rewritten = Assert.Single(TicketChanges.Of(state, state.PendingEvents));
        Assert.Equal((WorkflowState.TicketId(Id, "charge-payment", 1), "payment-backup"), (rewritten.Id, rewritten.Ticket!.Service));
        Assert.Null(rewritten.Ticket.AdmittedAt);
    }

    [Fact]
    public void A_commit_that_touches_no_ticket_writes_none()
    {
        var state = Given(_spec.Started(), Queued("payment"));
        state.Record(Dispatched("reserve-inventory"));

        Assert.Empty(TicketChanges.Of(state, state.PendingEvents));
    }

    private static StepQueued Queued(string service) => new()
    {
        WorkflowId = Id,
        StepId = "charge-payment",
        Attempt = 1,
        Service = service,
        Reason = "limited",
        Admission = true,
        QueuedAt = At,
    };
}
