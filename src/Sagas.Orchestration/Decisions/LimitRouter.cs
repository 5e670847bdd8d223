using Sagas.Definitions.Policies;
using Sagas.Orchestration.Adaptation;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// Routing under a service's adaptive concurrency limit (<c>adaptive</c> with the <c>load</c>
/// trigger): an attempt goes when this orchestrator has fewer of the service's steps in flight
/// than its limit and nobody waits before it; otherwise it waits, in order, woken when its turn
/// comes, and looks again by itself after <see cref="LookAgainAfter"/> in case its wake was lost.
/// </summary>
public sealed class LimitRouter(DecisionContext context)
{
    public const string AdaptiveLimit = "adaptive-limit";

    public static readonly TimeSpan LookAgainAfter = TimeSpan.FromSeconds(30);

    /// <summary>Null when the service has no adaptive limit; else whether the attempt may go and the words for it.</summary>
    public LimitCheck? Check(WorkflowState state, string stepId, int attempt, string service)
    {
        if (!context.Policies.Adapts || context.Policies.AdaptiveFor(service) is not { } policy || !policy.On(AdaptiveTrigger.Load))
        {
            return null;
        }

        var waiter = new LimitWaiter(state.CorrelationId, stepId, attempt, state.AttemptKey(stepId, attempt));
        var admission = context.Adaptations.Limits.Admit(service, waiter, state.DecisionKey(stepId, attempt, $"limit:{service}"), context.Now, policy.Load);
        if (admission.Admitted)
        {
            return new LimitCheck(true, admission.Limited
                ? $"under '{service}''s adaptive limit of {admission.Allowed} in flight on this orchestrator, lowered for its latency"
                : null);
        }

        return new LimitCheck(false,
            $"{AdaptiveLimit}: '{service}' has {admission.InFlight} step(s) in flight from this orchestrator, at its {(admission.Limited ? "lowered " : string.Empty)}adaptive limit of {admission.Allowed}; "
            + $"{admission.Ahead} wait(s) before this one, and it goes when its turn comes");
    }

    /// <summary>Why <paramref name="service"/> is degraded on this orchestrator (its adaptive limit lowered), or null.</summary>
    public string? Degraded(string service) =>
        context.Policies.Adapts ? context.Adaptations.Limits.DegradedBecause(service) : null;

    /// <summary>The attempt was admitted but does not leave after all (its circuit is open): its slot goes to the next.</summary>
    public void GiveBack(WorkflowState state, string stepId, int attempt, string service) =>
        context.Adaptations.Limits.GiveBack(service, state.AttemptKey(stepId, attempt), context.Now);
}

/// <summary>Whether an attempt may go under its service's adaptive limit, and the words for its dispatch (when the limit is lowered) or its wait.</summary>
public sealed record LimitCheck(bool Admitted, string? Reason);
