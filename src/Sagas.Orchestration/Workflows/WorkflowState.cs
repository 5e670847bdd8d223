using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MassTransit;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;

namespace Sagas.Orchestration.Workflows;

/// <summary>
/// One workflow instance. It changes only by <see cref="Record"/>ing events, which applies them
/// and queues them for the saga repository to append to the instance's stream; so folding the
/// stream over a new instance rebuilds exactly this state.
/// </summary>
public sealed class WorkflowState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    /// <summary>The state machine's state name; always equal to <see cref="Status"/> once settled.</summary>
    public string CurrentState { get; set; } = string.Empty;

    public WorkflowStatus Status { get; set; }

    public string Definition { get; set; } = string.Empty;

    public int DefinitionVersion { get; set; }

    public string DefinitionHash { get; set; } = string.Empty;

    public JsonObject Input { get; set; } = [];

    /// <summary>Outputs of the completed steps, by step id.</summary>
    public Dictionary<string, JsonNode?> Outputs { get; set; } = [];

    /// <summary>The current attempt of each dispatched step; results of other attempts are stale.</summary>
    public Dictionary<string, int> Attempts { get; set; } = [];

    /// <summary>Steps dispatched and not yet finished.</summary>
    public HashSet<string> InFlight { get; set; } = [];

    /// <summary>Steps waiting out a retry delay, with the attempt that is due next.</summary>
    public Dictionary<string, int> RetryDue { get; set; } = [];

    /// <summary>Where each dispatched step goes: its service (the step's own or an alternate), endpoint and first attempt there.</summary>
    public Dictionary<string, StepRoute> Routes { get; set; } = [];

    /// <summary>Steps waiting for a slot under their service's limits, with the attempt to dispatch.</summary>
    public Dictionary<string, int> AwaitingAdmission { get; set; } = [];

    /// <summary>The step whose input could not be resolved, while the workflow needs attention for it.</summary>
    public string? BlockedStep { get; set; }

    /// <summary>How many times an operator has had a completed step run again (absent: once), for its idempotency key.</summary>
    public Dictionary<string, int> StepRuns { get; set; } = [];

    /// <summary>Admission tickets this run holds (see <see cref="Admission.TicketChanges"/>): steps queued or admitted under limits.</summary>
    public HashSet<string> Tickets { get; set; } = [];

    /// <summary>Policy violations already recorded (scope and policy), so each is recorded once per run.</summary>
    public HashSet<string> PolicyViolations { get; set; } = [];

    /// <summary>Steps undone by their compensation.</summary>
    public HashSet<string> Compensated { get; set; } = [];

    /// <summary>The current attempt of each compensation dispatched.</summary>
    public Dictionary<string, int> CompensationAttempts { get; set; } = [];

    /// <summary>Compensations dispatched and not yet answered.</summary>
    public HashSet<string> CompensationInFlight { get; set; } = [];

    /// <summary>Compensations waiting out a retry delay, with the attempt due next.</summary>
    public Dictionary<string, int> CompensationRetryDue { get; set; } = [];

    /// <summary>True once an operator cancelled the run: compensation then ends it Cancelled.</summary>
    public bool CancelRequested { get; set; }

    /// <summary>The step whose compensation failed for good, while the workflow needs attention.</summary>
    public string? AttentionStep { get; set; }

    public string? AttentionReason { get; set; }

    /// <summary>
    /// Scheduling tokens of the timeouts armed, by step (and <c>compensate:STEP</c> for an undo):
    /// the machine's bookkeeping, set as
    /// MassTransit's <c>Schedule</c> sets its token properties, not derived from the stream.
    /// </summary>
    public Dictionary<string, Guid> StepTimers { get; set; } = [];

    public JsonObject? Output { get; set; }

    public string? FailedStep { get; set; }

    public string? FailureReason { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the run must have ended; null when its definition sets no deadline.</summary>
    public DateTimeOffset? DeadlineAt { get; set; }

    /// <summary>The deadline timer's scheduling token (the state machine's <c>Schedule</c> keeps it here).</summary>
    public Guid? DeadlineTokenId { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Events applied so far: the stream's length, to tell whether the workflow moved since someone looked.</summary>
    public int Revision { get; set; }

    /// <summary>Events recorded since the instance was loaded, not yet appended to its stream.</summary>
    [JsonIgnore]
    public List<object> PendingEvents { get; } = [];

    /// <summary>Still going forward: running, or stopped at a blocked step while the others finish.</summary>
    public bool IsForward => Status == WorkflowStatus.Running || (Status == WorkflowStatus.NeedsAttention && BlockedStep is not null);

    /// <summary>Admission tickets to write or delete with the events recorded since the instance was loaded.</summary>
    [JsonIgnore]
    public List<Admission.TicketChange> PendingTickets { get; } = [];

    /// <summary>Ended for good: only Failed can still be retried by an operator.</summary>
    public bool IsTerminal => Status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Rejected
        or WorkflowStatus.Compensated or WorkflowStatus.Cancelled;

    public void Record(object @event)
    {
        var tickets = ApplyEvent(@event);
        PendingEvents.Add(@event);
        PendingTickets.AddRange(tickets);
    }

    /// <summary>Applies one event of the stream. Unknown event types are a programming error.</summary>
    public void Apply(object @event) => ApplyEvent(@event);

    // The admission tickets an event takes or gives back follow from the events, as the rest of
    // the state does; only a live recording writes them (Record).
    private IReadOnlyList<Admission.TicketChange> ApplyEvent(object @event)
    {
        ApplyToState(@event);
        Revision++;
        return Admission.TicketChanges.Apply(this, @event);
    }

    private void ApplyToState(object @event)
    {
        switch (@event)
        {
            case WorkflowStarted e:
                CorrelationId = e.WorkflowId;
                Status = WorkflowStatus.Running;
                Definition = e.Definition;
                DefinitionVersion = e.Version;
                DefinitionHash = e.DefinitionHash;
                Input = (JsonObject)e.Input.DeepClone();
                StartedAt = e.StartedAt;
                DeadlineAt = e.DeadlineAt;
                break;
            case WorkflowDeadlineExceeded:
                break;
            case StepDispatched e:
                Attempts[e.StepId] = e.Attempt;
                InFlight.Add(e.StepId);
                RetryDue.Remove(e.StepId);
                AwaitingAdmission.Remove(e.StepId);
                Routes[e.StepId] = Routes.TryGetValue(e.StepId, out var route) && route.Service == e.Service
                    ? route with { Endpoint = e.Endpoint, Probe = e.Probe }
                    : new StepRoute(e.Service, e.Endpoint, e.Attempt, e.Probe);
                break;
            case StepRerouted e:
                Routes[e.StepId] = new StepRoute(e.To, null, e.Attempt);
                break;
            case StepQueued { Admission: true } e:
                // One wait at a time: a retry timer that fires again later finds nothing to do.
                RetryDue.Remove(e.StepId);
                AwaitingAdmission[e.StepId] = e.Attempt;
                break;
            case StepQueued e:
                // Waiting for a circuit is waiting for a timer, as a retry delay is.
                AwaitingAdmission.Remove(e.StepId);
                RetryDue[e.StepId] = e.Attempt;
                break;
            case StepBlocked e:
                // A blocked step waits for nothing but the operator.
                RetryDue.Remove(e.StepId);
                AwaitingAdmission.Remove(e.StepId);
                BlockedStep = e.Policy == StepBlocked.NeedsAttention ? e.StepId : null;
                break;
            case CircuitOpened or CircuitClosed:
                break;
            case PolicyViolated e:
                PolicyViolations.Add($"{e.Scope}|{e.Policy}");
                break;
            case PolicyReverted:
                break;
            case StepRetryScheduled { Compensation: true } e:
                CompensationRetryDue[e.StepId] = e.NextAttempt;
                break;
            case StepRetryScheduled e:
                RetryDue[e.StepId] = e.NextAttempt;
                break;
            case CompensationStarted e:
                Status = WorkflowStatus.Compensating;
                FailedStep = e.FailedStep;
                FailureReason = e.Reason;
                CancelRequested = e.Cancelled;
                RetryDue.Clear();
                AwaitingAdmission.Clear();
                BlockedStep = null;
                break;
            case CompensationDispatched e:
                CompensationAttempts[e.StepId] = e.Attempt;
                CompensationInFlight.Add(e.StepId);
                CompensationRetryDue.Remove(e.StepId);
                break;
            case StepCompensated e:
                CompensationInFlight.Remove(e.StepId);
                Compensated.Add(e.StepId);
                break;
            case StepCompensationFailed e:
                CompensationInFlight.Remove(e.StepId);
                break;
            case WorkflowNeedsAttention e:
                Status = WorkflowStatus.NeedsAttention;
                AttentionStep = e.StepId;
                AttentionReason = e.Reason;
                break;
            case StepRetryRequested { Compensation: true }:
                Status = WorkflowStatus.Compensating;
                AttentionStep = null;
                AttentionReason = null;
                break;
            case StepRetryRequested e:
                Status = WorkflowStatus.Running;
                BlockedStep = null;
                AttentionStep = null;
                AttentionReason = null;
                // The step starts over on its own service with a full retry policy; a completed step
                // asked for again (its output was what a blocked step lacked) runs afresh.
                Routes.Remove(e.StepId);
                if (Outputs.Remove(e.StepId))
                {
                    // Its side effects happened: running it again is a new run, under a new key.
                    StepRuns[e.StepId] = StepRuns.GetValueOrDefault(e.StepId, 1) + 1;
                }

                FailedStep = null;
                FailureReason = null;
                EndedAt = null;
                break;
            case WorkflowCompensated e:
                Status = WorkflowStatus.Compensated;
                EndedAt = e.CompensatedAt;
                break;
            case WorkflowCancelled e:
                Status = WorkflowStatus.Cancelled;
                RetryDue.Clear();
                AwaitingAdmission.Clear();
                BlockedStep = null;
                FailureReason = e.Reason;
                EndedAt = e.CancelledAt;
                break;
            case StepCompleted e:
                Outputs[e.StepId] = e.Output?.DeepClone();
                InFlight.Remove(e.StepId);
                break;
            case StepFailed e:
                InFlight.Remove(e.StepId);
                break;
            case StepTimedOut e:
                InFlight.Remove(e.StepId);
                break;
            case WorkflowCompleted e:
                Status = WorkflowStatus.Completed;
                Output = (JsonObject?)e.Output?.DeepClone();
                EndedAt = e.CompletedAt;
                break;
            case WorkflowFailed e:
                Status = WorkflowStatus.Failed;
                // Steps still out are abandoned: an operator's retry dispatches them afresh.
                InFlight.Clear();
                RetryDue.Clear();
                AwaitingAdmission.Clear();
                BlockedStep = null;
                FailedStep = e.StepId;
                FailureReason = e.Reason;
                EndedAt = e.FailedAt;
                break;
            case WorkflowRejected e:
                CorrelationId = e.WorkflowId;
                Status = WorkflowStatus.Rejected;
                Definition = e.Definition;
                FailureReason = e.Reason;
                StartedAt = e.RejectedAt;
                EndedAt = e.RejectedAt;
                break;
            case WorkflowRecovered:
                // What it did is recorded by the events that follow it.
                break;
            default:
                throw new InvalidOperationException($"WorkflowState cannot apply {@event.GetType().Name}");
        }
    }
}
