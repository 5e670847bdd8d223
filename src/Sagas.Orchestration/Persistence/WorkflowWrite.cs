using Marten;
using Sagas.Orchestration.Admission;
using Sagas.Orchestration.Outbox;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Persistence;

/// <summary>
/// What one message changed in one workflow: its saga document, the events it recorded and the
/// timers it armed or cancelled, all committed in one transaction.
/// It carries the version the document was loaded at, so it can be committed in any session
/// (see <see cref="WorkflowCommitter"/>) and still lose to a concurrent writer.
/// </summary>
internal sealed class WorkflowWrite
{
    // The recorded events are taken off the state before the commit: if it fails, the message is
    // retried from a fresh load.
    private WorkflowWrite(WorkflowState state, Guid? loadedVersion, PendingSchedule? schedule)
    {
        State = state;
        Tickets = TicketChanges.Of(state, state.PendingEvents);
        Events = state.TakeRecorded();
        LoadedVersion = loadedVersion;
        Schedule = schedule ?? new PendingSchedule();
    }

    public WorkflowState State { get; }

    public IReadOnlyList<object> Events { get; }

    /// <summary>Null for a new workflow, whose document is inserted and whose stream is started.</summary>
    public Guid? LoadedVersion { get; }

    public PendingSchedule Schedule { get; }

    /// <summary>Admission tickets taken and given back (see <see cref="TicketChanges"/>).</summary>
    public IReadOnlyList<TicketChange> Tickets { get; }

    /// <summary>A new workflow: a twin started at the same moment fails on the document's key.</summary>
    public static WorkflowWrite ForNew(WorkflowState state, PendingSchedule? schedule = null) =>
        new(state, loadedVersion: null, schedule);

    public static WorkflowWrite ForExisting(WorkflowState state, Guid loadedVersion, PendingSchedule? schedule = null) =>
        new(state, loadedVersion, schedule);

    public void ApplyTo(IDocumentSession session)
    {
        if (LoadedVersion is { } version)
        {
            session.UpdateExpectedVersion(State, version);
            session.Events.Append(State.CorrelationId, Events);
        }
        else
        {
            session.Insert(State);
            session.Events.StartStream<WorkflowState>(State.CorrelationId, Events);
        }

        foreach (var timer in Schedule.Armed)
        {
            timer.WorkflowId = State.CorrelationId;
            session.Insert(timer);
        }

        foreach (var tokenId in Schedule.Cancelled)
        {
            session.Delete<DurableTimer>(tokenId);
        }

        foreach (var change in Tickets)
        {
            if (change.Ticket is { } ticket)
            {
                session.Store(ticket);
            }
            else
            {
                session.Delete<AdmissionTicket>(change.Id);
            }
        }
    }
}
