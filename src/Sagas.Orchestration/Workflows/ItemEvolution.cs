using Sagas.Orchestration.Journal;

namespace Sagas.Orchestration.Workflows;

/// <summary>What a <c>for_each</c> step does to a run: its items kept once expanded, failed items set aside, the gathered output its own.</summary>
public static class ItemEvolution
{
    public static void Apply(ItemsExpanded e, WorkflowState state) => state.Expansions[e.StepId] = e.Items;

    public static void Apply(ItemFailed e, WorkflowState state)
    {
        state.FailedItems[e.StepId] = e.Reason;
        state.InFlight.Remove(e.StepId);
    }

    public static void Apply(ItemsGathered e, WorkflowState state) => state.Outputs[e.StepId] = e.Output;
}
