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

    /// <summary>
    /// Scheduling tokens of the step timeouts armed, by step: the machine's bookkeeping, set as
    /// MassTransit's <c>Schedule</c> sets its token properties, not derived from the stream.
    /// </summary>
    public Dictionary<string, Guid> StepTimers { get; set; } = [];

    public JsonObject? Output { get; set; }

    public string? FailedStep { get; set; }

    public string? FailureReason { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Events recorded since the instance was loaded, not yet appended to its stream.</summary>
    [JsonIgnore]
    public List<object> PendingEvents { get; } = [];

    public bool IsTerminal => Status != WorkflowStatus.Running;

    public void Record(object @event)
    {
        Apply(@event);
        PendingEvents.Add(@event);
    }

    /// <summary>Applies one event of the stream. Unknown event types are a programming error.</summary>
    public void Apply(object @event)
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
                break;
            case StepDispatched e:
                Attempts[e.StepId] = e.Attempt;
                InFlight.Add(e.StepId);
                RetryDue.Remove(e.StepId);
                break;
            case StepRetryScheduled e:
                RetryDue[e.StepId] = e.NextAttempt;
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
            default:
                throw new InvalidOperationException($"WorkflowState cannot apply {@event.GetType().Name}");
        }
    }
}
