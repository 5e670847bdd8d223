using Sagas.Definitions.Model;

namespace Sagas.Orchestration.Recovery;

/// <summary>
/// Which completed steps to undo next: the reverse of the dependency order, independent branches
/// at the same time. A step is undone only once nothing that depends on it (directly or not) is
/// still running or still owes its own compensation, so a step's effects are undone after the
/// effects built on them.
/// </summary>
public static class CompensationPlanner
{
    /// <summary>Steps whose compensation can be dispatched now, in file order.</summary>
    public static IReadOnlyList<StepDefinition> Ready(WorkflowDefinition definition, CompensationProgress progress)
    {
        var dependents = DependentsOf(definition);
        return [.. definition.Steps.Where(step =>
            Owes(step, progress)
            && !progress.Compensating.Contains(step.Id)
            && dependents[step.Id].All(dependent => !progress.Running.Contains(dependent.Id) && !Owes(dependent, progress)))];
    }

    /// <summary>
    /// True once nothing is left to undo or wait for: every completed step with a compensation
    /// is undone and no running step could still complete and need one.
    /// </summary>
    public static bool IsFinished(WorkflowDefinition definition, CompensationProgress progress) =>
        progress.Compensating.Count == 0
        && definition.Steps.All(step => !Owes(step, progress) && !(step.Compensation is not null && progress.Running.Contains(step.Id)));

    /// <summary>The steps to undo and to await, as known now: for the record when compensation starts.</summary>
    public static IReadOnlyList<string> Involved(WorkflowDefinition definition, CompensationProgress progress) =>
        [.. definition.Steps
            .Where(step => step.Compensation is not null && (progress.Completed.Contains(step.Id) || progress.Running.Contains(step.Id)))
            .Select(step => step.Id)];

    // Completed, declares a compensation, and not yet undone.
    private static bool Owes(StepDefinition step, CompensationProgress progress) =>
        step.Compensation is not null && progress.Completed.Contains(step.Id) && !progress.Compensated.Contains(step.Id);

    // Every step that depends on each step, directly or through others.
    private static Dictionary<string, List<StepDefinition>> DependentsOf(WorkflowDefinition definition)
    {
        var direct = definition.Steps.ToDictionary(s => s.Id, s => definition.Steps.Where(d => d.DependsOn.Contains(s.Id)).ToList());
        return definition.Steps.ToDictionary(s => s.Id, s =>
        {
            var found = new Dictionary<string, StepDefinition>();
            var pending = new Stack<StepDefinition>(direct[s.Id]);
            while (pending.TryPop(out var next))
            {
                if (found.TryAdd(next.Id, next))
                {
                    direct[next.Id].ForEach(pending.Push);
                }
            }

            return found.Values.ToList();
        });
    }
}
