using Sagas.Definitions.Model;

namespace Sagas.Orchestration.Workflows;

/// <summary>
/// A step as it runs in one workflow: as the case its <c>switch:</c> chose (<see cref="WorkflowState.Branches"/>),
/// so its retries, timeouts, failovers and compensation follow that case, not the step's default;
/// an item of a <c>for_each</c> step (<c>STEP[INDEX]</c>) as the step's instance for that item.
/// </summary>
public static class ChosenSteps
{
    public static StepDefinition? StepAsChosen(this WorkflowDefinition definition, WorkflowState state, string stepId) =>
        StepItem.TryParse(stepId, out var parent, out var index)
            ? state.Expansions.TryGetValue(parent, out var items) && index < items.Count ? definition.FindStep(parent)?.ForItem(index, items[index]) : null
            : definition.FindStep(stepId)?.ForCase(state.Branches.GetValueOrDefault(stepId));

    /// <summary>
    /// The definition with every step as chosen and every expanded <c>for_each</c> step as its
    /// items (each depending on what the step depends on, and what depends on the step depending on
    /// each of them): for planning compensation, which undoes item by item.
    /// </summary>
    public static WorkflowDefinition AsChosen(this WorkflowDefinition definition, WorkflowState state)
    {
        if (state.Branches.Count == 0 && state.Expansions.Count == 0)
        {
            return definition;
        }

        var steps = new List<StepDefinition>();
        foreach (var step in definition.Steps)
        {
            var chosen = step.ForCase(state.Branches.GetValueOrDefault(step.Id));
            chosen = chosen with { DependsOn = [.. chosen.DependsOn.SelectMany(d => ItemIdsOf(d, state) ?? [d])] };
            if (state.Expansions.TryGetValue(step.Id, out var items))
            {
                steps.AddRange(items.Select((item, index) => chosen.ForItem(index, item)));
            }
            else
            {
                steps.Add(chosen);
            }
        }

        return definition with { Steps = steps };
    }

    private static IEnumerable<string>? ItemIdsOf(string stepId, WorkflowState state) =>
        state.Expansions.TryGetValue(stepId, out var items) ? Enumerable.Range(0, items.Count).Select(i => StepItem.IdOf(stepId, i)) : null;
}
