using System.Text.Json.Nodes;
using Sagas.Contracts.Events;
using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;
using Sagas.Definitions.Policies;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Policies;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// Records where an attempt goes, as <see cref="StepRouter"/> decided: the failovers on the way,
/// then the dispatch, the wait (for a slot or a circuit) or the end of the run; a step that waits
/// for a signal starts waiting. A step whose input cannot be resolved is blocked instead.
/// </summary>
public sealed class StepDispatcher(DecisionContext context, WorkflowOutcomes outcomes, StepRouter router, WorkflowEnding ending, AbandonedAttempts abandoned)
{
    /// <summary>Routes and records one attempt; <paramref name="condition"/> is the step's <c>when:</c> that was true, recorded on what it led to (null on retries and redispatches).</summary>
    public void Dispatch(WorkflowState state, WorkflowDefinition definition, StepDefinition step, JsonObject input, int attempt, bool admitted = false, StepConditionRecord? condition = null)
    {
        if (step.WaitFor is { } wait)
        {
            StartWaiting(state, step, wait, input, attempt, condition);
            return;
        }

        if (step.Child is { } child)
        {
            StartChild(state, step, child, input, attempt, condition);
            return;
        }

        var route = router.Route(state, step, attempt, admitted);
        foreach (var violation in route.Violations)
        {
            RecordViolation(state, step.Id, violation);
        }

        foreach (var hop in route.Hops)
        {
            Reroute(state, step, attempt, hop.From, hop.To, hop.Reason);
        }

        var now = context.Now;
        switch (route)
        {
            case RouteDecision.WaitForSlot slot:
                state.Record(Queued(state, step.Id, attempt, slot.Service, slot.Reason, now) with { Admission = true, Condition = condition });
                break;
            case RouteDecision.WaitForInstance waiting:
                state.Record(Queued(state, step.Id, attempt, waiting.Service, waiting.Reason, now) with { Until = waiting.Until, NoHealthyInstance = true, Condition = condition });
                break;
            case RouteDecision.WaitForCapacity capacity:
                state.Record(Queued(state, step.Id, attempt, capacity.Service, capacity.Reason, now) with { Until = capacity.Until, AdaptiveLimit = true, Condition = condition });
                break;
            case RouteDecision.WaitForCircuit circuit:
                state.Record(Queued(state, step.Id, attempt, circuit.Service, circuit.Reason, now) with { Until = circuit.Until, Condition = condition });
                break;
            case RouteDecision.FailFast failFast:
                if (condition is not null)
                {
                    state.Record(new StepConditionMet { WorkflowId = state.CorrelationId, StepId = step.Id, Condition = condition, DecidedAt = now });
                }

                ending.EndUnsuccessfully(state, definition, step.Id, failFast.Reason);
                break;
            case RouteDecision.Dispatch go:
                state.Record(new StepDispatched
                {
                    WorkflowId = state.CorrelationId,
                    StepId = step.Id,
                    Attempt = attempt,
                    Service = go.Service,
                    Endpoint = go.Endpoint,
                    Instance = go.Instance,
                    Balancing = go.Balancing,
                    Probe = go.Probe,
                    Admitted = admitted && route.Hops.Count == 0,
                    IdempotencyKey = state.EffectKeyOf(step.Id),
                    Input = input,
                    DispatchedAt = now,
                    Timeout = context.Policies.TimeoutFor(step, go.Service),
                    Condition = condition,
                });
                break;
        }
    }

    // No service, so no route, limit or circuit: the attempt waits for its signal until its timeout.
    private void StartWaiting(WorkflowState state, StepDefinition step, StepWait wait, JsonObject input, int attempt, StepConditionRecord? condition) =>
        state.Record(new StepDispatched
        {
            WorkflowId = state.CorrelationId,
            StepId = step.Id,
            Attempt = attempt,
            Service = wait.Service,
            Signal = wait.Signal,
            IdempotencyKey = state.EffectKeyOf(step.Id),
            Input = input,
            DispatchedAt = context.Now,
            Timeout = step.Timeout,
            Condition = condition,
        });

    // No service either: the attempt starts a child run, whose id it derives, and ends as the child ends.
    private void StartChild(WorkflowState state, StepDefinition step, StepChild child, JsonObject input, int attempt, StepConditionRecord? condition) =>
        state.Record(new StepDispatched
        {
            WorkflowId = state.CorrelationId,
            StepId = step.Id,
            Attempt = attempt,
            Service = child.Service,
            Child = ChildIds.Of(state, step.Id, attempt),
            IdempotencyKey = state.EffectKeyOf(step.Id),
            Input = input,
            DispatchedAt = context.Now,
            Timeout = step.Timeout ?? StepChild.DefaultTimeout,
            Condition = condition,
        });

    private static StepQueued Queued(WorkflowState state, string stepId, int attempt, string service, string reason, DateTimeOffset now) => new()
    {
        WorkflowId = state.CorrelationId,
        StepId = stepId,
        Attempt = attempt,
        Service = service,
        Reason = reason,
        QueuedAt = now,
    };

    /// <summary>
    /// A step sent again (a retry, an admission, a failover) reads its input afresh: a blocked
    /// step rather than a wrong command when it cannot be resolved.
    /// </summary>
    public void ResolveAndDispatch(WorkflowState state, WorkflowDefinition definition, StepDefinition step, int attempt, bool admitted = false)
    {
        var input = ValueResolver.Resolve(step.Input, state.ProgressFor(step));
        if (!input.Succeeded)
        {
            Block(state, definition, step, input.Error!);
            return;
        }

        Dispatch(state, definition, step, input.Value!, attempt, admitted);
    }

    /// <summary>The step moves to another service; what a timed-out attempt may have done on the one it leaves is undone.</summary>
    public void Reroute(WorkflowState state, StepDefinition step, int attempt, string from, string to, string reason)
    {
        state.Record(new StepRerouted
        {
            WorkflowId = state.CorrelationId,
            StepId = step.Id,
            Attempt = attempt,
            From = from,
            To = to,
            Reason = reason,
            ReroutedAt = context.Now,
        });
        abandoned.Left(state, step, from, reason);
    }

    /// <summary>Recorded once per run for each scope and policy, as a violation and the default put in its place.</summary>
    public void RecordViolation(WorkflowState state, string? stepId, PolicyViolation violation)
    {
        if (state.PolicyViolations.Contains($"{violation.Scope}|{violation.Policy}"))
        {
            return;
        }

        var now = context.Now;
        state.Record(new PolicyViolated
        {
            WorkflowId = state.CorrelationId,
            StepId = stepId,
            Scope = violation.Scope,
            Policy = violation.Policy,
            Reason = violation.Reason,
            ViolatedAt = now,
        });
        state.Record(new PolicyReverted
        {
            WorkflowId = state.CorrelationId,
            StepId = stepId,
            Scope = violation.Scope,
            Policy = violation.Policy,
            RevertedTo = violation.RevertedTo,
            RevertedAt = now,
        });
    }

    /// <summary>
    /// A ready step whose input cannot be resolved: blocked, and the run waits for an operator or
    /// fails, as the dependency_resolution policy says.
    /// </summary>
    public void Block(WorkflowState state, WorkflowDefinition definition, StepDefinition step, string error)
    {
        var action = context.Policies.OnUnresolvedInput(state.Definition);
        state.Record(new StepBlocked
        {
            WorkflowId = state.CorrelationId,
            StepId = step.Id,
            MissingReference = error,
            Policy = action == UnresolvedInputAction.NeedsAttention ? StepBlocked.NeedsAttention : StepBlocked.Fail,
            BlockedAt = context.Now,
        });
        var reason = $"the input of step '{step.Id}' could not be resolved: {error}";
        if (action == UnresolvedInputAction.Fail)
        {
            ending.EndUnsuccessfully(state, definition, step.Id, reason);
            return;
        }

        outcomes.NeedsAttention(state, step.Id,
            $"{reason}; once the cause is fixed, 'sagas retry {state.CorrelationId}' resolves it again (or --step STEP runs an upstream step again)");
    }
}
