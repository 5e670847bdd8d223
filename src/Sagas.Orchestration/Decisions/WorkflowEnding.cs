using Sagas.Definitions.Model;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Recovery;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// A run that cannot complete (a step failed for good, an open circuit that fails fast, its
/// deadline, a cancel): with completed (or still running) steps that declare a compensation it
/// starts undoing them; otherwise it ends at once, Failed or Cancelled.
/// </summary>
public sealed class WorkflowEnding(DecisionContext context, WorkflowOutcomes outcomes, CompensationFlow compensation)
{
    public void EndUnsuccessfully(WorkflowState state, WorkflowDefinition definition, string? stepId, string reason, bool cancelled = false)
    {
        if (!cancelled && stepId is not null && definition.StepAsChosen(state, stepId) is { Item: not null, ForEach.OnItemFailure: ItemFailure.Continue })
        {
            // An item of a for_each that goes on without failed items: set aside, listed in the
            // step's output; whoever dispatched it plans again (ForwardFlow.GoOnAfterItems).
            state.Record(new ItemFailed { WorkflowId = state.CorrelationId, StepId = stepId, Reason = reason, FailedAt = context.Now });
            return;
        }

        StopWaiting(state, reason);
        CancelChildren(state, reason);
        var involved = CompensationPlanner.Involved(definition.AsChosen(state), state.CompensationProgress());
        if (involved.Count == 0)
        {
            if (cancelled)
            {
                outcomes.Cancel(state, reason);
            }
            else
            {
                outcomes.Fail(state, stepId, reason);
            }

            return;
        }

        state.Record(new CompensationStarted
        {
            WorkflowId = state.CorrelationId,
            FailedStep = stepId,
            Reason = reason,
            Cancelled = cancelled,
            Steps = involved,
            StartedAt = context.Now,
        });
        compensation.Advance(state, definition);
    }

    // A step waiting for a signal did nothing to await or undo: it stops waiting now, so the undos
    // of what it depends on need not wait for its timeout.
    private void StopWaiting(WorkflowState state, string reason)
    {
        foreach (var stepId in state.InFlight.Where(id => state.Routes.TryGetValue(id, out var route) && StepWait.IsWait(route.Service)).Order(StringComparer.Ordinal).ToList())
        {
            state.Record(new Contracts.Events.StepFailed
            {
                WorkflowId = state.CorrelationId,
                StepId = stepId,
                Attempt = state.Attempts[stepId],
                Reason = $"stopped waiting: {reason}",
                Retryable = false,
                FailedAt = context.Now,
            });
        }
    }

    // A step's child run is still going: it is asked to stop, undoing what it did; the step's
    // attempt ends when the child does, and the undos of what it depends on wait for that.
    private void CancelChildren(WorkflowState state, string reason)
    {
        foreach (var stepId in state.InFlight.Where(id => state.Routes.TryGetValue(id, out var route) && StepChild.IsChild(route.Service)).Order(StringComparer.Ordinal).ToList())
        {
            ChildCancels.Request(state, stepId, state.Attempts[stepId], $"its parent {state.CorrelationId} is ending: {reason}", context.Now);
        }
    }
}
