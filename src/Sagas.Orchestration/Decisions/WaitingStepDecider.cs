using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// A step that waited (out a retry delay, for a circuit to half-open, for a slot under its
/// service's limits, for a healthy instance) is sent now, unless what woke it is stale (the run
/// moved on, or that attempt no longer waits) or a repeat. One that waited its timeout for an
/// instance and still has none fails that attempt instead.
/// </summary>
public sealed class WaitingStepDecider(
    DecisionContext context, WorkflowOutcomes outcomes, StepDispatcher dispatcher, ForwardFlow forward, InstanceRouter instances, AttemptFailures failures)
{
    public void RetryDue(WorkflowState state, RetryStep due)
    {
        if (state.IsForward
            && state.RetryDue.TryGetValue(due.StepId, out var awaited) && awaited == due.Attempt
            && outcomes.DefinitionOf(state) is { } definition
            && definition.StepAsChosen(state, due.StepId) is { } step)
        {
            var service = state.ServiceOf(step);
            if (instances.WaitedOut(state, step, due.Attempt, service) is { } waited && instances.NoneHealthy(service) is not null)
            {
                GiveUpWaiting(state, due, instances.GaveUp(service, waited));
                return;
            }

            var recordedBefore = state.PendingEvents.Count;
            dispatcher.ResolveAndDispatch(state, definition, step, due.Attempt);
            forward.GoOnAfterItems(state, definition, recordedBefore);
        }
    }

    // An attempt that waited its timeout for an instance failed, as one that got no result does: retried, failed over or ended by its policies.
    private void GiveUpWaiting(WorkflowState state, RetryStep due, string reason)
    {
        state.Record(new StepFailed
        {
            WorkflowId = state.CorrelationId,
            StepId = due.StepId,
            Attempt = due.Attempt,
            Reason = reason,
            Retryable = true,
            FailedAt = context.Now,
        });
        failures.AfterFailedAttempt(state, due.StepId, due.Attempt, reason, retryable: true);
    }

    /// <summary>The admission relay freed a slot for the step.</summary>
    public void Admit(WorkflowState state, AdmitStep admission)
    {
        if (state.IsForward
            && state.AwaitingAdmission.TryGetValue(admission.StepId, out var awaited) && awaited == admission.Attempt
            && outcomes.DefinitionOf(state) is { } definition
            && definition.StepAsChosen(state, admission.StepId) is { } step)
        {
            var recordedBefore = state.PendingEvents.Count;
            dispatcher.ResolveAndDispatch(state, definition, step, admission.Attempt, admitted: true);
            forward.GoOnAfterItems(state, definition, recordedBefore);
        }
    }
}
