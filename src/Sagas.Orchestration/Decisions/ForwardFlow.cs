using Sagas.Contracts.Events;
using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// What a run does next once something changed: a running one completes or dispatches the steps
/// <see cref="ReadyStepPlanner"/> finds ready; a compensating one dispatches its next undos.
/// </summary>
public sealed class ForwardFlow(WorkflowOutcomes outcomes, StepDispatcher dispatcher, WorkflowEnding ending, CompensationFlow compensation)
{
    public void Continue(WorkflowState state, WorkflowDefinition definition)
    {
        if (state.Status == WorkflowStatus.Running)
        {
            Advance(state, definition);
        }
        else if (state.Status == WorkflowStatus.Compensating)
        {
            compensation.Advance(state, definition);
        }
    }

    public void Advance(WorkflowState state, WorkflowDefinition definition)
    {
        var progress = state.Progress();
        if (ReadyStepPlanner.IsComplete(definition, progress))
        {
            Complete(state, definition, progress);
            return;
        }

        // Resolve every ready step before dispatching any, so a workflow that fails here sends nothing.
        var ready = ReadyStepPlanner.Plan(definition, progress);
        if (ready.FirstOrDefault(p => !p.Input.Succeeded) is { } unresolvable)
        {
            dispatcher.Block(state, definition, unresolvable.Step, unresolvable.Input.Error!);
            return;
        }

        foreach (var planned in ready)
        {
            if (state.Status != WorkflowStatus.Running)
            {
                // A step before this one failed fast on an open circuit: the run is ending.
                return;
            }

            dispatcher.Dispatch(state, definition, planned.Step, planned.Input.Value!, state.Attempts.GetValueOrDefault(planned.Step.Id) + 1);
        }
    }

    /// <summary>Whether planning again would do anything: complete the run or dispatch a step.</summary>
    public static bool CanAdvance(WorkflowState state, WorkflowDefinition definition) =>
        ReadyStepPlanner.IsComplete(definition, state.Progress()) || ReadyStepPlanner.Plan(definition, state.Progress()).Count > 0;

    private void Complete(WorkflowState state, WorkflowDefinition definition, WorkflowProgress progress)
    {
        var output = ValueResolver.Resolve(definition.Output, progress);
        if (!output.Succeeded)
        {
            ending.EndUnsuccessfully(state, definition, null, $"the workflow output could not be resolved: {output.Error}");
            return;
        }

        outcomes.Complete(state, output.Value!);
    }
}
