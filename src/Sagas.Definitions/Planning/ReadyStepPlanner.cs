using Sagas.Definitions.Model;

namespace Sagas.Definitions.Planning;

/// <summary>
/// Decides which steps run next: a step is ready when it has not completed, is not in
/// flight, and every step it depends on has completed. Independent steps are ready
/// together (they run in parallel); a join waits for all of its dependencies.
/// </summary>
public static class ReadyStepPlanner
{
    /// <summary>The ready steps in file order, each with its input resolved.</summary>
    public static IReadOnlyList<PlannedStep> Plan(WorkflowDefinition definition, WorkflowProgress progress) =>
        [.. definition.Steps
            .Where(step => !progress.IsCompleted(step.Id)
                && !progress.InFlight.Contains(step.Id)
                && step.DependsOn.All(progress.IsCompleted))
            .Select(step => new PlannedStep(step, ValueResolver.Resolve(step.Input, progress)))];

    /// <summary>True once every step has completed.</summary>
    public static bool IsComplete(WorkflowDefinition definition, WorkflowProgress progress) =>
        definition.Steps.All(step => progress.IsCompleted(step.Id));
}
