using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Admission;

/// <summary>
/// The admission tickets to write and delete with a workflow's commit, from what its events did
/// to the tickets it holds (<see cref="WorkflowState.Tickets"/>, evolved by the events): a ticket
/// it holds now but did not at its last commit is written (a step queued under limits); one it
/// held then but not now is deleted (the step's result came, it was blocked, the run ended or
/// turned to compensation).
/// </summary>
public static class TicketChanges
{
    public static IReadOnlyList<TicketChange> Of(WorkflowState state, IEnumerable<object> recorded)
    {
        // A step queued under limits again for the same attempt (an admitted step that failed over
        // to another limited service) keeps its ticket id, but the ticket is written afresh: under
        // its new service, waiting again. The last queueing of an attempt is the one that stands.
        Dictionary<string, StepQueued>? queued = null;
        foreach (var e in recorded.OfType<StepQueued>().Where(e => e.Admission))
        {
            (queued ??= [])[WorkflowState.TicketId(e.WorkflowId, e.StepId, e.Attempt)] = e;
        }

        var before = state.CommittedTickets;
        if (queued is null && before.SetEquals(state.Tickets))
        {
            // Most commits touch no ticket: nothing is allocated for them.
            return [];
        }

        return
        [
            .. state.Tickets.Where(id => !before.Contains(id) || queued?.ContainsKey(id) == true).Order(StringComparer.Ordinal)
                .Select(id => new TicketChange(id, TicketFor(queued![id]))),
            .. before.Where(id => !state.Tickets.Contains(id)).Order(StringComparer.Ordinal)
                .Select(id => new TicketChange(id, null)),
        ];
    }

    private static AdmissionTicket TicketFor(StepQueued queued) => new()
    {
        Id = WorkflowState.TicketId(queued.WorkflowId, queued.StepId, queued.Attempt),
        WorkflowId = queued.WorkflowId,
        StepId = queued.StepId,
        Attempt = queued.Attempt,
        Service = queued.Service,
        QueuedAt = queued.QueuedAt,
    };
}

/// <summary>A ticket to write (<see cref="Ticket"/> set) or to delete (null).</summary>
public sealed record TicketChange(string Id, AdmissionTicket? Ticket);
