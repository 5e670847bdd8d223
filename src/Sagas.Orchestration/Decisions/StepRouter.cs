using Sagas.Definitions.Model;
using Sagas.Definitions.Policies;
using Sagas.Orchestration.Policies;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// Decides where an attempt goes: its route's service, unless that service is limited (the step
/// waits for a slot), has no healthy instance (the step waits for one), is at its adaptive limit
/// on this orchestrator (the step waits its turn) or its circuit is open (fail
/// over, wait or fail fast, as the policy says); then one of the service's endpoints and
/// instances. Records nothing: it returns the route and its reasons.
/// </summary>
public sealed class StepRouter(DecisionContext context, InstanceRouter instances, LimitRouter adaptiveLimits)
{
    /// <summary>
    /// Limits come first: the circuit is asked only when the step is about to leave, so a probe
    /// is never taken by a step that then waits for a slot. A step moved to an alternate waits
    /// for a slot under the alternate's limits.
    /// </summary>
    public RouteDecision Route(WorkflowState state, StepDefinition step, int attempt, bool admitted)
    {
        var policies = context.Policies;
        var now = context.Now;
        var service = state.ServiceOf(step);
        var hops = new List<RouteHop>();
        var violations = new List<PolicyViolation>();
        var probe = false;
        string? limited = null;
        while (true)
        {
            if (!admitted && policies.LimitsFor(service) is { } limits)
            {
                return new RouteDecision.WaitForSlot(hops, service, $"'{service}' is limited to {LimitsText(limits)} across all nodes; the step waits its turn") { Violations = violations };
            }

            // Before the circuit: a step that waits for an instance must not take the circuit's one probe.
            if (instances.NoneHealthy(service) is { } none)
            {
                return new RouteDecision.WaitForInstance(hops, service, instances.LookAgainAt(state, step, attempt, service), none) { Violations = violations };
            }

            // A degraded service fails over as an open circuit does, along the same chain, so the two never loop.
            if (adaptiveLimits.Degraded(service) is { } degraded && NextAlternate(state, step, service, violations) is { } alternate)
            {
                hops.Add(new RouteHop(service, alternate, $"'{service}' is degraded ({degraded})"));
                service = alternate;
                admitted = false;
                continue;
            }

            if (adaptiveLimits.Check(state, step.Id, attempt, service) is { } limit)
            {
                if (!limit.Admitted)
                {
                    return new RouteDecision.WaitForCapacity(hops, service, now + LimitRouter.LookAgainAfter, limit.Reason!) { Violations = violations };
                }

                limited = limit.Reason;
            }

            if (policies.BreakerFor(service) is not { } breaker)
            {
                break;
            }

            var admission = context.Breakers.Admit(service, breaker, now, state.DecisionKey(step.Id, attempt, service));
            if (admission.Allowed)
            {
                probe = admission.IsProbe;
                break;
            }

            adaptiveLimits.GiveBack(state, step.Id, attempt, service);
            limited = null;

            var open = $"the circuit of '{service}' is open until {admission.BlockedUntil:HH:mm:ss.fff} ({admission.Reason})";
            if (breaker.WhenOpen == CircuitOpenAction.FailFast)
            {
                return new RouteDecision.FailFast(hops, $"step '{step.Id}' was not sent: {open}, and its policy is to fail fast") { Violations = violations };
            }

            if (breaker.WhenOpen == CircuitOpenAction.Failover && NextAlternate(state, step, service, violations) is { } next)
            {
                hops.Add(new RouteHop(service, next, open));
                service = next;
                admitted = false;
                continue;
            }

            return new RouteDecision.WaitForCircuit(hops, service, admission.BlockedUntil!.Value, $"{open}; the step waits for it to half-open") { Violations = violations };
        }

        var endpoint = policies.BalancingFor(service) is { } balancing
            ? balancing.Endpoints.Count == 1
                ? new EndpointChoice(balancing.Endpoints[0].Name, null)
                : context.Balancers.Choose(service, balancing.Endpoints, balancing.Algorithm, state.DecisionKey(step.Id, attempt, service))
            : null;
        var instance = instances.Choose(service, endpoint?.Endpoint, state.DecisionKey(step.Id, attempt, service), state.AttemptKey(step.Id, attempt));
        var why = string.Join("; ", new[] { endpoint?.Reason, instance?.Reason, limited }.OfType<string>());
        return new RouteDecision.Dispatch(hops, service, endpoint?.Endpoint, why.Length == 0 ? null : why, probe) { Violations = violations, Instance = instance?.Queue };
    }

    /// <summary>
    /// The next service in the step's chain (its own, then its alternates in order) after the one
    /// it is on; none when the chain is used up or failover is off. The chain only moves forward,
    /// so failover never loops. A broken alternates policy is added to <paramref name="violations"/>, to be recorded.
    /// </summary>
    /// <remarks>
    /// An alternate whose registered instances are all out cannot take the step: the policy
    /// validated but cannot be applied now, so that is a violation too, and the step looks further
    /// along the chain, else stays where it is (the default: no failover). An alternate no
    /// instance ever registered for is a plain worker's queue, and taken as before discovery.
    /// </remarks>
    public string? NextAlternate(WorkflowState state, StepDefinition step, string current, ICollection<PolicyViolation> violations)
    {
        var alternates = context.Policies.AlternatesFor(state.Definition, step);
        Add(violations, alternates.Violation);
        var chain = alternates.Value.Prepend(step.Service).ToList();
        var at = chain.IndexOf(current);
        if (at < 0)
        {
            return null;
        }

        foreach (var next in chain.Skip(at + 1))
        {
            if (instances.WhyNoneHealthy(next) is not { } none)
            {
                return next;
            }

            Add(violations, new PolicyViolation(
                $"step {step.Id}",
                "failover",
                $"step '{step.Id}' would fail over from '{current}' to '{next}', which cannot take it: {none}",
                $"no failover to '{next}' for this step now"));
        }

        return null;
    }

    private static void Add(ICollection<PolicyViolation> violations, PolicyViolation? violation)
    {
        if (violation is not null && !violations.Contains(violation))
        {
            violations.Add(violation);
        }
    }

    private static string LimitsText(LimitsPolicy limits) =>
        string.Join(" and ", new[]
        {
            limits.MaxInFlight is { } inFlight ? $"{inFlight} in flight" : null,
            limits.MaxPerSecond is { } perSecond ? $"{perSecond:0.##} dispatches/s" : null,
        }.OfType<string>());
}
