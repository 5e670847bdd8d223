using Sagas.Orchestration.Journal;

namespace Sagas.Orchestration.Workflows;

/// <summary>What the data decided about a step (<c>when:</c> and joins): a skipped step is done going forward, with nothing to undo.</summary>
public static class StepSkipEvolution
{
    public static void Apply(StepSkipped e, WorkflowState state) => state.Skipped.Add(e.StepId);
}
