using System.Collections.Frozen;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Nodes;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;

namespace Sagas.Orchestration.Workflows;

/// <summary>
/// How a workflow's state evolves: one typed <c>Apply(event, state)</c> per event (here, in <see cref="AbandonedEffectEvolution"/>,
/// <see cref="DataDecisionEvolution"/>, <see cref="SignalEvolution"/>, <see cref="ItemEvolution"/>), in the shape of
/// the status projection's (<see cref="Status.WorkflowStatusProjection"/>), found by event type and bound once. Events that
/// change nothing of the state (a circuit's change, a policy put back, a deadline passing, a recovery whose actions are
/// the events after it) are known and skipped; any other type is a programming error.
/// </summary>
public static class WorkflowEvolution
{
    private static readonly FrozenDictionary<Type, Action<WorkflowState, object>> ByEventType = Bind();

    private static readonly FrozenSet<Type> Unchanging = new[]
    {
        typeof(Journal.CircuitOpened), typeof(Journal.CircuitClosed), typeof(Journal.PolicyReverted),
        typeof(Journal.WorkflowDeadlineExceeded), typeof(Journal.WorkflowRecovered), typeof(Journal.AbandonedAttemptCompensated),
        typeof(Journal.StepConditionMet), typeof(Journal.ChildCancelRequested),
    }.ToFrozenSet();

    /// <summary>Every event type the state knows: those it applies and those that change nothing.</summary>
    public static IEnumerable<Type> EventTypes => ByEventType.Keys.Concat(Unchanging);

    public static void Evolve(WorkflowState state, object @event)
    {
        if (ByEventType.TryGetValue(@event.GetType(), out var apply))
        {
            apply(state, @event);
        }
        else if (!Unchanging.Contains(@event.GetType()))
        {
            throw new InvalidOperationException($"WorkflowState cannot apply {@event.GetType().Name}");
        }
    }

    private static FrozenDictionary<Type, Action<WorkflowState, object>> Bind() =>
        new[] { typeof(WorkflowEvolution), typeof(AbandonedEffectEvolution), typeof(DataDecisionEvolution), typeof(SignalEvolution), typeof(ItemEvolution), typeof(ChildEvolution) }.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.Name == nameof(Apply) && m.GetParameters() is [_, { ParameterType: var state }] && state == typeof(WorkflowState))
            .ToFrozenDictionary(m => m.GetParameters()[0].ParameterType, Compile);

    private static Action<WorkflowState, object> Compile(MethodInfo apply) // (state, event) => Apply((TEvent)event, state), once per type
    {
        var state = Expression.Parameter(typeof(WorkflowState), "state");
        var @event = Expression.Parameter(typeof(object), "event");
        var call = Expression.Call(apply, Expression.Convert(@event, apply.GetParameters()[0].ParameterType), state);
        return Expression.Lambda<Action<WorkflowState, object>>(call, state, @event).Compile();
    }

    public static void Apply(WorkflowStarted e, WorkflowState state)
    {
        state.CorrelationId = e.WorkflowId;
        state.Status = WorkflowStatus.Running;
        state.Definition = e.Definition;
        state.DefinitionVersion = e.Version;
        state.DefinitionHash = e.DefinitionHash;
        state.Input = (JsonObject)e.Input.DeepClone();
        state.StartedAt = e.StartedAt;
        state.TraceParent = e.TraceParent;
        (state.DeadlineAt, state.Parent) = (e.DeadlineAt, e.Parent);
    }

    public static void Apply(WorkflowRejected e, WorkflowState state)
    {
        state.CorrelationId = e.WorkflowId;
        state.Status = WorkflowStatus.Rejected;
        state.Definition = e.Definition;
        state.FailureReason = e.Reason;
        state.StartedAt = e.RejectedAt;
        state.EndedAt = e.RejectedAt;
    }

    public static void Apply(StepDispatched e, WorkflowState state)
    {
        state.Attempts[e.StepId] = e.Attempt;
        state.InFlight.Add(e.StepId);
        state.RetryDue.Remove(e.StepId);
        state.AwaitingAdmission.Remove(e.StepId);
        state.InstanceWaits.Remove(e.StepId);
        state.Routes[e.StepId] = StepRoute.After(e, state.Routes.GetValueOrDefault(e.StepId));
    }

    public static void Apply(StepRerouted e, WorkflowState state) => state.Routes[e.StepId] = new StepRoute(e.To, null, e.Attempt);

    public static void Apply(StepQueued e, WorkflowState state)
    {
        if (e.Admission)
        {
            // One wait at a time: a retry timer that fires again later finds nothing to do.
            state.RetryDue.Remove(e.StepId);
            state.AwaitingAdmission[e.StepId] = e.Attempt;
            state.Tickets.Add(WorkflowState.TicketId(e.WorkflowId, e.StepId, e.Attempt));
            return;
        }

        // Waiting for a circuit or an instance is waiting for a timer, as a retry delay is; the slot is not used meanwhile.
        state.AwaitingAdmission.Remove(e.StepId);
        state.RetryDue[e.StepId] = e.Attempt;
        state.Tickets.Remove(WorkflowState.TicketId(e.WorkflowId, e.StepId, e.Attempt));
        state.NoteInstanceWait(e);
    }

    public static void Apply(StepBlocked e, WorkflowState state)
    {
        // A blocked step waits for nothing but the operator, and holds no slot.
        state.RetryDue.Remove(e.StepId);
        state.AwaitingAdmission.Remove(e.StepId);
        state.BlockedStep = e.Policy == StepBlocked.NeedsAttention ? e.StepId : null;
        state.Tickets.RemoveWhere(ticket => AdmissionTicketId.Parse(ticket).IsFor(e.WorkflowId, e.StepId));
    }

    public static void Apply(StepCompleted e, WorkflowState state)
    {
        // The kept result is the effect of its key on its service: earlier attempts there timed
        // out doing the same effect, so there is nothing of theirs to undo. (Most runs abandon
        // nothing: they build no key here.)
        if (state.AbandonedEffects.Count > 0 && state.Routes.TryGetValue(e.StepId, out var route)
            && state.AbandonedEffects.TryGetValue(AbandonedEffect.IdOf(state.EffectKeyOf(e.StepId), route.Service), out var same) && !same.UndoDecided)
        {
            state.AbandonedEffects.Remove(same.Id);
        }

        state.Outputs[e.StepId] = e.Output?.DeepClone();
        state.InFlight.Remove(e.StepId);
        state.Tickets.Remove(WorkflowState.TicketId(e.WorkflowId, e.StepId, e.Attempt));
    }

    public static void Apply(StepFailed e, WorkflowState state)
    {
        state.InFlight.Remove(e.StepId);
        state.Tickets.Remove(WorkflowState.TicketId(e.WorkflowId, e.StepId, e.Attempt));
    }

    public static void Apply(StepTimedOut e, WorkflowState state)
    {
        AbandonedEffectEvolution.Abandon(state, e.StepId, e.Attempt, e.Service);
        state.InFlight.Remove(e.StepId);
        state.Tickets.Remove(WorkflowState.TicketId(e.WorkflowId, e.StepId, e.Attempt));
    }

    public static void Apply(PolicyViolated e, WorkflowState state) => state.PolicyViolations.Add($"{e.Scope}|{e.Policy}");

    public static void Apply(StepRetryScheduled e, WorkflowState state)
    {
        if (e.Effect is not null)
        {
            AbandonedEffectEvolution.Update(state, e.Effect, effect => effect with { UndoRetryDue = e.NextAttempt });
            return;
        }

        (e.Compensation ? state.CompensationRetryDue : state.RetryDue)[e.StepId] = e.NextAttempt;
    }

    public static void Apply(CompensationStarted e, WorkflowState state)
    {
        state.Status = WorkflowStatus.Compensating;
        state.FailedStep = e.FailedStep;
        state.FailureReason = e.Reason;
        state.CancelRequested = e.Cancelled;
        state.RetryDue.Clear();
        state.AwaitingAdmission.Clear();
        state.BlockedStep = null;
        // Steps still out keep their slots until their results come; waiting ones never run.
        state.Tickets.RemoveWhere(ticket => AdmissionTicketId.Parse(ticket) is var held
            && !(state.InFlight.Contains(held.StepId) && state.Attempts.GetValueOrDefault(held.StepId) == held.Attempt));
    }

    public static void Apply(CompensationDispatched e, WorkflowState state)
    {
        if (e.MaybeCompleted)
        {
            var id = AbandonedEffect.IdOf(e.EffectKey!, e.EffectService!);
            var effect = state.AbandonedEffects.GetValueOrDefault(id) ?? new AbandonedEffect(e.StepId, e.EffectService!, e.EffectKey!, e.EffectAttempt);
            state.AbandonedEffects[id] = effect with { UndoAttempt = e.Attempt, UndoInFlight = true, UndoRetryDue = null };
            return;
        }

        state.CompensationAttempts[e.StepId] = e.Attempt;
        state.CompensationInFlight.Add(e.StepId);
        state.CompensationRetryDue.Remove(e.StepId);
    }

    public static void Apply(StepCompensated e, WorkflowState state)
    {
        if (e.MaybeCompleted)
        {
            AbandonedEffectEvolution.Update(state, AbandonedEffect.IdOf(e.EffectKey!, e.EffectService!), effect => effect with { UndoInFlight = false, Undone = true });
            return;
        }

        state.CompensationInFlight.Remove(e.StepId);
        state.Compensated.Add(e.StepId);
    }

    public static void Apply(StepCompensationFailed e, WorkflowState state)
    {
        if (e.MaybeCompleted)
        {
            AbandonedEffectEvolution.Update(state, AbandonedEffect.IdOf(e.EffectKey!, e.EffectService!), effect => effect with { UndoInFlight = false });
            return;
        }

        state.CompensationInFlight.Remove(e.StepId);
    }

    public static void Apply(WorkflowNeedsAttention e, WorkflowState state)
    {
        state.Status = WorkflowStatus.NeedsAttention;
        state.AttentionStep = e.StepId;
        state.AttentionReason = e.Reason;
    }

    public static void Apply(StepRetryRequested e, WorkflowState state)
    {
        state.AttentionStep = null;
        state.AttentionReason = null;
        if (e.Compensation)
        {
            state.Status = WorkflowStatus.Compensating;
            return;
        }

        state.Status = WorkflowStatus.Running;
        state.BlockedStep = null;
        // The step starts over on its own service with a full retry policy; a completed step asked
        // for again (its output was what a blocked step lacked) runs afresh, under a new key (its
        // side effects happened).
        state.Routes.Remove(e.StepId);
        if (state.Outputs.Remove(e.StepId))
        {
            state.StepRuns[e.StepId] = state.StepRuns.GetValueOrDefault(e.StepId, 1) + 1;
        }

        // A step whose abandoned effect is being undone has its key tombstoned by now: its next
        // run (this retry) goes under a new key, or every attempt of it would do nothing.
        foreach (var stepId in state.AbandonedEffects.Values.Where(a => a.UndoDecided && !state.Outputs.ContainsKey(a.StepId) && a.EffectKey == state.EffectKeyOf(a.StepId))
                     .Select(a => a.StepId).Distinct().ToList())
        {
            state.StepRuns[stepId] = state.StepRuns.GetValueOrDefault(stepId, 1) + 1;
        }

        state.FailedStep = null;
        state.FailureReason = null;
        state.EndedAt = null;
    }

    public static void Apply(WorkflowCompleted e, WorkflowState state)
    {
        state.Status = WorkflowStatus.Completed;
        state.Output = (JsonObject?)e.Output?.DeepClone();
        End(state, e.CompletedAt);
    }

    public static void Apply(WorkflowFailed e, WorkflowState state)
    {
        state.Status = WorkflowStatus.Failed;
        state.FailedStep = e.StepId;
        state.FailureReason = e.Reason;
        End(state, e.FailedAt);
        // An operator's retry dispatches the steps still out afresh.
        state.InFlight.Clear();
    }

    public static void Apply(WorkflowCompensated e, WorkflowState state)
    {
        state.Status = WorkflowStatus.Compensated;
        End(state, e.CompensatedAt);
    }

    public static void Apply(WorkflowCancelled e, WorkflowState state)
    {
        state.Status = WorkflowStatus.Cancelled;
        state.FailureReason = e.Reason;
        End(state, e.CancelledAt);
    }

    // An ended run waits for nothing and holds no slot.
    private static void End(WorkflowState state, DateTimeOffset at)
    {
        // Steps still out are abandoned: they may yet do their work.
        foreach (var stepId in state.InFlight)
        {
            AbandonedEffectEvolution.Abandon(state, stepId, state.Attempts.GetValueOrDefault(stepId), service: null);
        }

        state.RetryDue.Clear();
        state.AwaitingAdmission.Clear();
        state.BlockedStep = null;
        state.Tickets.Clear();
        state.EndedAt = at;
    }
}
