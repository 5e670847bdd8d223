using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Admission;

/// <summary>
/// Which admission tickets an event just recorded writes or deletes, committed with it: a step
/// queued under limits takes a ticket; its result gives it back; a run that ends or turns to
/// compensation gives back the tickets of steps that will not run.
/// </summary>
public static class TicketChanges
{
    /// <summary>Updates the run's tickets for an event just applied; returns the writes and deletes that follow.</summary>
    public static IReadOnlyList<TicketChange> Apply(WorkflowState state, object recorded)
    {
        // Most events touch no ticket: nothing is allocated for them.
        List<TicketChange>? changes = null;
        switch (recorded)
        {
            case StepQueued { Admission: true } e:
                var id = AdmissionTicket.IdOf(e.WorkflowId, e.StepId, e.Attempt);
                state.Tickets.Add(id);
                (changes ??= []).Add(new TicketChange(id, new AdmissionTicket
                {
                    Id = id,
                    WorkflowId = e.WorkflowId,
                    StepId = e.StepId,
                    Attempt = e.Attempt,
                    Service = e.Service,
                    QueuedAt = e.QueuedAt,
                }));
                break;
            case StepQueued { Admission: false } e:
                // Waiting for a circuit, or blocked: the slot is not used meanwhile.
                GiveBack(state, ref changes, AdmissionTicket.IdOf(e.WorkflowId, e.StepId, e.Attempt));
                break;
            case StepBlocked e:
                foreach (var ticket in state.Tickets.Where(t => t.StartsWith($"{e.WorkflowId}/{e.StepId}/", StringComparison.Ordinal)).ToList())
                {
                    GiveBack(state, ref changes, ticket);
                }

                break;
            case StepCompleted e:
                GiveBack(state, ref changes, AdmissionTicket.IdOf(e.WorkflowId, e.StepId, e.Attempt));
                break;
            case StepFailed e:
                GiveBack(state, ref changes, AdmissionTicket.IdOf(e.WorkflowId, e.StepId, e.Attempt));
                break;
            case StepTimedOut e:
                GiveBack(state, ref changes, AdmissionTicket.IdOf(e.WorkflowId, e.StepId, e.Attempt));
                break;
            case CompensationStarted:
                // Steps still out keep their slots until their results come; waiting ones never run.
                foreach (var ticket in state.Tickets.Where(t => !IsInFlight(state, t)).ToList())
                {
                    GiveBack(state, ref changes, ticket);
                }

                break;
            case WorkflowCompleted or WorkflowFailed or WorkflowCompensated or WorkflowCancelled:
                foreach (var ticket in state.Tickets.ToList())
                {
                    GiveBack(state, ref changes, ticket);
                }

                break;
        }

        return changes ?? (IReadOnlyList<TicketChange>)[];
    }

    private static void GiveBack(WorkflowState state, ref List<TicketChange>? changes, string id)
    {
        if (state.Tickets.Remove(id))
        {
            (changes ??= []).Add(new TicketChange(id, null));
        }
    }

    private static bool IsInFlight(WorkflowState state, string ticket)
    {
        var parts = ticket.Split('/');
        return state.InFlight.Contains(parts[1]) && state.Attempts.GetValueOrDefault(parts[1]).ToString(System.Globalization.CultureInfo.InvariantCulture) == parts[2];
    }
}

/// <summary>A ticket to write (<see cref="Ticket"/> set) or to delete (null).</summary>
public sealed record TicketChange(string Id, AdmissionTicket? Ticket);
