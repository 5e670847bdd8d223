using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MassTransit;
using Sagas.Contracts.Commands;
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

    /// <summary>Where the run stands: set only by its events, and the state machine's state (<see cref="CurrentState"/>).</summary>
    public WorkflowStatus Status { get; set; }

    /// <summary>
    /// The state machine's view of <see cref="Status"/>, not a field of its own: MassTransit's
    /// Initial until the first event (every first event sets <see cref="StartedAt"/>), then the
    /// status's name. The events set the status; the machine never moves it by itself. It is
    /// still stored, so a node of the version before reads the state it expects; what is read
    /// back is the status's name again and changes nothing.
    /// </summary>
    public string? CurrentState
    {
        get => StartedAt == default ? _beforeFirstEvent : Status.ToString();
        set
        {
            if (StartedAt == default)
            {
                _beforeFirstEvent = value;
            }
        }
    }

    public string Definition { get; set; } = string.Empty;

    /// <summary>The step of another run that started this one, told how it ends (<see cref="Journal.WorkflowStarted.Parent"/>).</summary>
    public WorkflowParent? Parent { get; set; }

    /// <summary>This child completed and its parent asked it to undo itself: its end answers that undo.</summary>
    public bool UndoingForParent { get; set; }

    public int DefinitionVersion { get; set; }

    public string DefinitionHash { get; set; } = string.Empty;

    public JsonObject Input { get; set; } = [];

    /// <summary>Outputs of the completed steps, by step id.</summary>
    public Dictionary<string, JsonNode?> Outputs { get; set; } = [];

    /// <summary>Steps that will not run (<see cref="Journal.StepSkipped"/>).</summary>
    public HashSet<string> Skipped { get; set; } = [];

    /// <summary>Optional steps skipped while their service was degraded: done without output for their dependents, with nothing to undo.</summary>
    public HashSet<string> SkippedOptional { get; set; } = [];

    /// <summary>The case each <c>switch:</c> step chose (<see cref="Journal.BranchChosen"/>), by step id.</summary>
    public Dictionary<string, string> Branches { get; set; } = [];

    /// <summary>The items of each expanded <c>for_each</c> step (<see cref="Journal.ItemsExpanded"/>), by step id.</summary>
    public Dictionary<string, JsonArray> Expansions { get; set; } = [];

    /// <summary>Items that failed for good in a <c>for_each</c> step that goes on without them, by item step id, with the reason.</summary>
    public Dictionary<string, string> FailedItems { get; set; } = [];

    /// <summary>Signals that came before the step that waits for them, by signal name (<see cref="Journal.SignalKept"/>).</summary>
    public Dictionary<string, KeptSignal> KeptSignals { get; set; } = [];

    /// <summary>The id of every signal the run has taken (received, kept or ignored), so a signal delivered twice counts once.</summary>
    public HashSet<string> SignalIds { get; set; } = [];

    /// <summary>The current attempt of each dispatched step; results of other attempts are stale.</summary>
    public Dictionary<string, int> Attempts { get; set; } = [];

    /// <summary>Steps dispatched and not yet finished.</summary>
    public HashSet<string> InFlight { get; set; } = [];

    /// <summary>Steps waiting out a retry delay, with the attempt that is due next.</summary>
    public Dictionary<string, int> RetryDue { get; set; } = [];

    /// <summary>Where each dispatched step goes: its service (the step's own or an alternate), endpoint and first attempt there.</summary>
    public Dictionary<string, StepRoute> Routes { get; set; } = [];

    /// <summary>Steps waiting for a healthy instance of their service: the attempt, and since when it waits.</summary>
    public Dictionary<string, InstanceWait> InstanceWaits { get; set; } = [];

    /// <summary>Steps waiting for a slot under their service's limits, with the attempt to dispatch.</summary>
    public Dictionary<string, int> AwaitingAdmission { get; set; } = [];

    /// <summary>The step whose input could not be resolved, while the workflow needs attention for it.</summary>
    public string? BlockedStep { get; set; }

    /// <summary>How many times an operator has had a completed step run again (absent: once), for its idempotency key.</summary>
    public Dictionary<string, int> StepRuns { get; set; } = [];

    /// <summary>Admission tickets this run holds (<see cref="TicketId"/>): steps queued or admitted under limits, and not yet finished.</summary>
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

    /// <summary>
    /// Effects abandoned attempts may have had (<see cref="AbandonedEffect.Id"/>): kept until
    /// their undo is answered, so each is undone once, on the service that may have done it.
    /// </summary>
    public Dictionary<string, AbandonedEffect> AbandonedEffects { get; set; } = [];

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

    /// <summary>The W3C trace context of the run's trace, from its start (null: not traced).</summary>
    public string? TraceParent { get; set; }

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

    /// <summary>The tickets held when the first of <see cref="PendingEvents"/> was recorded: what the commit compares with.</summary>
    [JsonIgnore]
    public IReadOnlySet<string> CommittedTickets => _committedTickets ?? Tickets;

    /// <summary>Still going forward: running, or stopped at a blocked step while the others finish.</summary>
    public bool IsForward => Status == WorkflowStatus.Running || (Status == WorkflowStatus.NeedsAttention && BlockedStep is not null);

    /// <summary>Ended for good: only Failed can still be retried by an operator.</summary>
    public bool IsTerminal => Status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Rejected
        or WorkflowStatus.Compensated or WorkflowStatus.Cancelled;

    private static readonly HashSet<string> NoTickets = [];
    private HashSet<string>? _committedTickets;
    private string? _beforeFirstEvent;

    /// <summary>The key a step's attempts record their effect under now (<see cref="IdempotencyKeys.ForStep"/>).</summary>
    public string EffectKeyOf(string stepId) => IdempotencyKeys.ForStep(CorrelationId, stepId, StepRuns.GetValueOrDefault(stepId, 1));

    /// <summary>The id of the admission ticket a step's attempt holds (<see cref="AdmissionTicketId"/>).</summary>
    public static string TicketId(Guid workflowId, string stepId, int attempt) => new AdmissionTicketId(workflowId, stepId, attempt).ToString();

    /// <summary>Applies a new event and queues it for the repository to append to the stream.</summary>
    public void Record(object @event)
    {
        // Most runs hold no ticket: nothing is copied for them.
        _committedTickets ??= Tickets.Count == 0 ? NoTickets : [.. Tickets];
        Apply(@event);
        PendingEvents.Add(@event);
    }

    /// <summary>Forgets what was recorded, once the repository has taken it to commit.</summary>
    public object[] TakeRecorded()
    {
        var recorded = PendingEvents.ToArray();
        PendingEvents.Clear();
        _committedTickets = null;
        return recorded;
    }

    /// <summary>Applies one event of the stream through its typed <c>Apply</c>; an unknown event type is a programming error.</summary>
    public void Apply(object @event)
    {
        WorkflowEvolution.Evolve(this, @event);
        Revision++;
    }
}
