using Sagas.Definitions.Model;

namespace Sagas.Orchestration.Workflows;

/// <summary>
/// A step as it runs in one workflow: as the case its <c>switch:</c> chose (<see cref="WorkflowState.Branches"/>),
/// so its retries, timeouts, failovers and compensation follow that case, not the step's default.
/// </summary>
public static class ChosenSteps
{
    public static StepDefinition? StepAsChosen(this WorkflowDefinition definition, WorkflowState state, string stepId) =>
        definition.FindStep(stepId)?.ForCase(state.Branches.GetValueOrDefault(stepId));

    /// <summary>The definition with every step as chosen: for planning compensation, which reads them all.</summary>
    public static WorkflowDefinition AsChosen(this WorkflowDefinition definition, WorkflowState state) =>
        state.Branches.Count == 0
            ? definition
            : definition with { Steps = [.. definition.Steps.Select(s => s.ForCase(state.Branches.GetValueOrDefault(s.Id)))] };
}
