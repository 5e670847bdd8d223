using Sagas.Definitions.Model;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// A failed attempt (a failure, a fault, a timeout): another attempt after a delay when the
/// failure allows it and the step's retry policy has attempts left on its current service; then
/// the next alternate service, when failover allows it; otherwise the run cannot complete (or, for
/// an item of a <c>for_each</c> that goes on without failed items, the item is set aside).
/// </summary>
public sealed class AttemptFailures(
    DecisionContext context, WorkflowOutcomes outcomes, StepRouter router, StepDispatcher dispatcher, WorkflowEnding ending, ForwardFlow forward, RetryScheduling retries)
{
    public void AfterFailedAttempt(WorkflowState state, string stepId, int attempt, string reason, bool retryable)
    {
        if (!state.IsForward)
        {
            // Compensating: a step that was still out has failed; nothing of it is left to undo.
            if (outcomes.DefinitionOf(state) is { } compensating)
            {
                forward.Continue(state, compensating);
            }

            return;
        }

        if (outcomes.DefinitionOf(state) is not { } definition || definition.StepAsChosen(state, stepId) is not { } step)
        {
            return;
        }

        var service = state.ServiceOf(step);
        var policy = context.Policies.RetryFor(state.Definition, step, service);
        var attemptsHere = attempt - (state.Routes.TryGetValue(stepId, out var route) ? route.FirstAttempt : 1) + 1;
        if (retryable && policy.AllowsAnotherAttempt(attemptsHere))
        {
            retries.Schedule(state, stepId, attempt, reason, policy, compensation: false, attemptsHere);
            return;
        }

        var failure = $"step '{stepId}' failed{RetryScheduling.AttemptsText(attemptsHere, policy, retryable)}{(service == step.Service ? string.Empty : $" on '{service}'")}: {reason}";
        var violations = new List<Policies.PolicyViolation>();
        var next = retryable ? router.NextAlternate(state, step, service, violations) : null;
        foreach (var violation in violations)
        {
            dispatcher.RecordViolation(state, stepId, violation);
        }

        if (next is not null)
        {
            dispatcher.Reroute(state, step, attempt + 1, service, next, failure);
            var beforeDispatch = state.PendingEvents.Count;
            dispatcher.ResolveAndDispatch(state, definition, step, attempt + 1);
            forward.GoOnAfterItems(state, definition, beforeDispatch);
            return;
        }

        var recordedBefore = state.PendingEvents.Count;
        ending.EndUnsuccessfully(state, definition, stepId, failure);
        forward.GoOnAfterItems(state, definition, recordedBefore);
    }
}
