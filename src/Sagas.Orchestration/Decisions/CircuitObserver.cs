using Sagas.Definitions.Model;
using Sagas.Definitions.Policies;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Policies;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// A result (or a timeout) of the current attempt: the endpoint has one step fewer out, and the
/// service's circuit counts it; a circuit that opens or closes on it is recorded in the run that
/// tipped it. A failure the service meant as final (a declined card) says nothing about its
/// health and is not counted. The instance that ran it is observed too, when its service adapts.
/// </summary>
public sealed class CircuitObserver(DecisionContext context)
{
    /// <summary><paramref name="failed"/>: true for a failure that counts against the service, false for a success, null for neither.</summary>
    public void Observe(WorkflowState state, string stepId, int attempt, bool? failed)
    {
        if (!state.Routes.TryGetValue(stepId, out var route) || StepDefinition.IsStandIn(route.Service))
        {
            // A wait for a signal or a child run is no service's call: nothing of any service's health is in it.
            return;
        }

        var key = state.DecisionKey(stepId, attempt, "outcome");
        ObserveAdaptive(state, stepId, attempt, route, failed);
        if (route.Endpoint is { } endpoint)
        {
            context.Balancers.Finished(route.Service, endpoint, key);
        }

        // A probe's final failure is the service answering: for the circuit, that is a success.
        var counted = failed ?? (route.Probe ? false : null);
        if (counted is not { } outcome || context.Policies.BreakerFor(route.Service) is not { } breaker)
        {
            return;
        }

        var now = context.Now;
        switch (context.Breakers.Record(route.Service, breaker, outcome, now, key, route.Probe))
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

    // The attempt's latency and outcome for adaptation: its service's limit frees its slot and
    // learns from it; its instance's balancing and ejection count it. Keyed by the attempt, as its dispatch counted it.
    private void ObserveAdaptive(WorkflowState state, string stepId, int attempt, StepRoute route, bool? failed)
    {
        if (!context.Policies.Adapts || route.DispatchedAt is not { } sent || context.Policies.AdaptiveFor(route.Service) is not { Enabled: true } policy)
        {
            return;
        }

        var now = context.Now;
        var key = state.AttemptKey(stepId, attempt);
        if (policy.On(AdaptiveTrigger.Load))
        {
            context.Adaptations.Limits.Release(route.Service, key, now - sent, now, policy.Load);
        }

        if (route.Instance is { } instance && (policy.On(AdaptiveTrigger.Latency) || policy.On(AdaptiveTrigger.ErrorRate)))
        {
            var inRotation = context.Discovered.Current.Of(route.Service)?.Healthy.Count ?? 0;
            context.Adaptations.Observe(route.Service, instance, key, now - sent, failed, now, policy, inRotation);
        }
    }
}
