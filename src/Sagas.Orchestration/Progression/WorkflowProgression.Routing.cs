using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;
using Sagas.Definitions.Policies;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Policies;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Progression;

// Where an attempt goes: its route's service, unless that service's circuit is open (fail over,
// wait or fail fast, as the policy says); a slot under the service's limits; one of its endpoints.
public sealed partial class WorkflowProgression
{
    // Limits come first: the circuit is asked only when the step is about to leave, so a probe
    // is never taken by a step that then waits for a slot. A step moved to an alternate waits for
    // a slot under the alternate's limits (its ticket moves with it).
    private void Dispatch(WorkflowState state, WorkflowDefinition definition, StepDefinition step, JsonObject input, int attempt, bool admitted = false)
    {
        var now = clock.GetUtcNow();
        var service = ServiceOf(state, step);
        var probe = false;
        while (true)
        {
            if (!admitted && policies.LimitsFor(service) is { } limits)
            {
                state.Record(new StepQueued
                {
                    WorkflowId = state.CorrelationId,
                    StepId = step.Id,
                    Attempt = attempt,
                    Service = service,
                    Reason = $"'{service}' is limited to {LimitsText(limits)} across all nodes; the step waits its turn",
                    Admission = true,
                    QueuedAt = now,
                });
                return;
            }

            if (policies.BreakerFor(service) is not { } breaker)
            {
                break;
            }

            var admission = breakers.Admit(service, breaker, now, DecisionKey(state, step.Id, attempt, service));
            if (admission.Allowed)
            {
                probe = admission.IsProbe;
                break;
            }

            var open = $"the circuit of '{service}' is open until {admission.BlockedUntil:HH:mm:ss.fff} ({admission.Reason})";
            if (breaker.WhenOpen == CircuitOpenAction.FailFast)
            {
                EndUnsuccessfully(state, definition, step.Id, $"step '{step.Id}' was not sent: {open}, and its policy is to fail fast");
                return;
            }

            if (breaker.WhenOpen == CircuitOpenAction.Failover && NextAlternate(state, step, service) is { } next)
            {
                Reroute(state, step, attempt, service, next, open);
                service = next;
                admitted = false;
                continue;
            }

            state.Record(new StepQueued
            {
                WorkflowId = state.CorrelationId,
                StepId = step.Id,
                Attempt = attempt,
                Service = service,
                Reason = $"{open}; the step waits for it to half-open",
                Until = admission.BlockedUntil,
                QueuedAt = now,
            });
            return;
        }

        var endpoint = policies.BalancingFor(service) is { } balancing
            ? balancing.Endpoints.Count == 1
                ? new EndpointChoice(balancing.Endpoints[0].Name, null)
                : balancers.Choose(service, balancing.Endpoints, balancing.Algorithm, DecisionKey(state, step.Id, attempt, service))
            : null;
        state.Record(new StepDispatched
        {
            WorkflowId = state.CorrelationId,
            StepId = step.Id,
            Attempt = attempt,
            Service = service,
            Endpoint = endpoint?.Endpoint,
            Balancing = endpoint?.Reason,
            Probe = probe,
            Admitted = admitted,
            IdempotencyKey = IdempotencyKeys.ForStep(state.CorrelationId, step.Id, state.StepRuns.GetValueOrDefault(step.Id, 1)),
            Input = input,
            DispatchedAt = now,
            Timeout = policies.TimeoutFor(step, service),
        });
    }

    /// <summary>
    /// The admission relay freed a slot for a waiting step: it is dispatched now, unless this
    /// admission is stale (the workflow moved on, or that attempt no longer waits) or a repeat.
    /// </summary>
    public void Admit(WorkflowState state, AdmitStep admission)
    {
        if (!state.IsForward
            || !state.AwaitingAdmission.TryGetValue(admission.StepId, out var awaited) || awaited != admission.Attempt
            || DefinitionOf(state) is not { } definition
            || definition.FindStep(admission.StepId) is not { } step)
        {
            return;
        }

        ResolveAndDispatch(state, definition, step, admission.Attempt, admitted: true);
    }

    // A step sent again (a retry, an admission, a failover) reads its input afresh: a blocked
    // step rather than a wrong command when it cannot be resolved.
    private void ResolveAndDispatch(WorkflowState state, WorkflowDefinition definition, StepDefinition step, int attempt, bool admitted = false)
    {
        var input = ValueResolver.Resolve(step.Input, ProgressOf(state));
        if (!input.Succeeded)
        {
            Block(state, definition, step, input.Error!);
            return;
        }

        Dispatch(state, definition, step, input.Value!, attempt, admitted);
    }

    private static string LimitsText(LimitsPolicy limits) =>
        string.Join(" and ", new[]
        {
            limits.MaxInFlight is { } inFlight ? $"{inFlight} in flight" : null,
            limits.MaxPerSecond is { } perSecond ? $"{perSecond:0.##} dispatches/s" : null,
        }.OfType<string>());

    /// <summary>The service a step's attempts go to now: the alternate it failed over to, else its own.</summary>
    private static string ServiceOf(WorkflowState state, StepDefinition step) =>
        state.Routes.TryGetValue(step.Id, out var route) ? route.Service : step.Service;

    // The next service in the step's chain (its own, then its alternates in order) after the one
    // it is on; null when the chain is used up or failover is off. The chain only moves forward,
    // so failover never loops.
    private string? NextAlternate(WorkflowState state, StepDefinition step, string current)
    {
        var alternates = policies.AlternatesFor(state.Definition, step);
        if (alternates.Violation is { } violation)
        {
            RecordViolation(state, step.Id, violation);
        }

        var chain = alternates.Value.Prepend(step.Service).ToList();
        var at = chain.IndexOf(current);
        return at >= 0 && at + 1 < chain.Count ? chain[at + 1] : null;
    }

    private void Reroute(WorkflowState state, StepDefinition step, int attempt, string from, string to, string reason) =>
        state.Record(new StepRerouted
        {
            WorkflowId = state.CorrelationId,
            StepId = step.Id,
            Attempt = attempt,
            From = from,
            To = to,
            Reason = reason,
            ReroutedAt = clock.GetUtcNow(),
        });

    /// <summary>
    /// A result (or a timeout) of the current attempt: the endpoint has one step fewer out, and
    /// the service's circuit counts it. A failure the service meant as final (a declined card)
    /// says nothing about the service's health and is not counted.
    /// </summary>
    // What a retried message asks the node's circuits and balancers again is known by this key.
    // The revision tells a retry (the same state, so the same revision at the same point) from a
    // later message asking about the same attempt (a circuit wait ending re-dispatches it).
    private static string DecisionKey(WorkflowState state, string stepId, int attempt, string what) =>
        $"{state.CorrelationId:N}@{state.Revision}/{stepId}#{attempt}/{what}";

    private void ObserveOutcome(WorkflowState state, string stepId, int attempt, bool? failed)
    {
        if (!state.Routes.TryGetValue(stepId, out var route))
        {
            return;
        }

        if (route.Endpoint is { } endpoint)
        {
            balancers.Finished(route.Service, endpoint, DecisionKey(state, stepId, attempt, "outcome"));
        }

        // A probe's final failure is the service answering: for the circuit, that is a success.
        var counted = failed ?? (route.Probe ? false : null);
        if (counted is not { } outcome || policies.BreakerFor(route.Service) is not { } breaker)
        {
            return;
        }

        var now = clock.GetUtcNow();
        switch (breakers.Record(route.Service, breaker, outcome, now, DecisionKey(state, stepId, attempt, "outcome"), route.Probe))
        {
            case { To: CircuitState.Open } opened:
                state.Record(new CircuitOpened
                {
                    WorkflowId = state.CorrelationId,
                    StepId = stepId,
                    Attempt = attempt,
                    Service = route.Service,
                    Reason = opened.Reason,
                    Failures = opened.Failures,
                    Calls = opened.Calls,
                    OpenUntil = opened.OpenUntil!.Value,
                    OpenedAt = now,
                });
                break;
            case { To: CircuitState.Closed } closed:
                state.Record(new CircuitClosed
                {
                    WorkflowId = state.CorrelationId,
                    StepId = stepId,
                    Attempt = attempt,
                    Service = route.Service,
                    Reason = closed.Reason,
                    ClosedAt = now,
                });
                break;
        }
    }

    // Recorded once per run for each scope and policy, as a violation and the default put in its place.
    private void RecordViolation(WorkflowState state, string? stepId, PolicyViolation violation)
    {
        if (state.PolicyViolations.Contains($"{violation.Scope}|{violation.Policy}"))
        {
            return;
        }

        var now = clock.GetUtcNow();
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

    // A ready step whose input cannot be resolved: blocked, and the run waits for an operator or
    // fails, as the dependency_resolution policy says.
    private void Block(WorkflowState state, WorkflowDefinition definition, StepDefinition step, string error)
    {
        var action = policies.OnUnresolvedInput(state.Definition);
        state.Record(new StepBlocked
        {
            WorkflowId = state.CorrelationId,
            StepId = step.Id,
            MissingReference = error,
            Policy = action == UnresolvedInputAction.NeedsAttention ? StepBlocked.NeedsAttention : StepBlocked.Fail,
            BlockedAt = clock.GetUtcNow(),
        });
        var reason = $"the input of step '{step.Id}' could not be resolved: {error}";
        if (action == UnresolvedInputAction.Fail)
        {
            EndUnsuccessfully(state, definition, step.Id, reason);
            return;
        }

        state.Record(new Sagas.Contracts.Events.WorkflowNeedsAttention
        {
            WorkflowId = state.CorrelationId,
            Definition = state.Definition,
            StepId = step.Id,
            Reason = $"{reason}; once the cause is fixed, 'sagas retry {state.CorrelationId}' resolves it again (or --step STEP runs an upstream step again)",
            At = clock.GetUtcNow(),
        });
    }
}
