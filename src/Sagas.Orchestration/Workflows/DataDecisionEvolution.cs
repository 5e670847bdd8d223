using Sagas.Orchestration.Journal;

namespace Sagas.Orchestration.Workflows;

/// <summary>
/// What the data decided about a step: a skipped step (<c>when:</c> and joins) is done going
/// forward, with nothing to undo; a <c>switch:</c> step runs as the case it chose from then on.
/// </summary>
public static class DataDecisionEvolution
{
    public static void Apply(StepSkipped e, WorkflowState state)
    {
        if (!e.Optional)
        {
            state.Skipped.Add(e.StepId);
            return;
        }

        // Done without output: its dependents run, and there is nothing of it to undo.
        state.Outputs[e.StepId] = new System.Text.Json.Nodes.JsonObject();
        state.SkippedOptional.Add(e.StepId);
    }

    public static void Apply(BranchChosen e, WorkflowState state) => state.Branches[e.StepId] = e.Case;
}
