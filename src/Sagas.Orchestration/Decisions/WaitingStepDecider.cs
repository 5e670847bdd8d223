using Sagas.Contracts.Commands;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// A step that waited (out a retry delay, for a circuit to half-open, for a slot under its
/// service's limits) is sent now, unless what woke it is stale (the run moved on, or that attempt
/// no longer waits) or a repeat.
/// </summary>
public sealed class WaitingStepDecider(WorkflowOutcomes outcomes, StepDispatcher dispatcher, ForwardFlow forward)
{
    public void RetryDue(WorkflowState state, RetryStep due)
    {
        if (state.IsForward
            && state.RetryDue.TryGetValue(due.StepId, out var awaited) && awaited == due.Attempt
            && outcomes.DefinitionOf(state) is { } definition
            && definition.StepAsChosen(state, due.StepId) is { } step)
        {
            var recordedBefore = state.PendingEvents.Count;
            dispatcher.ResolveAndDispatch(state, definition, step, due.Attempt);
            forward.GoOnAfterItems(state, definition, recordedBefore);
        }
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
