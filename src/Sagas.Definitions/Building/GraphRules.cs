namespace Sagas.Definitions.Building;

/// <summary>
/// Checks the step graph: ids unique, every dependency names another existing step once,
/// and no cycles (each printed as a path, e.g. <c>a -> b -> a</c>).
/// </summary>
internal static class GraphRules
{
    public static void Check(WorkflowDraft draft, ErrorSink errors)
    {
        var steps = UniqueSteps(draft, errors);
        foreach (var step in draft.Steps.Where(s => s.Id is not null))
        {
            CheckDependencies(step, steps, errors);
        }

        ReportCycles(draft, steps, errors);
    }

    private static Dictionary<string, StepDraft> UniqueSteps(WorkflowDraft draft, ErrorSink errors)
    {
        var steps = new Dictionary<string, StepDraft>(StringComparer.Ordinal);
        foreach (var step in draft.Steps.Where(s => s.Id is not null))
        {
            if (!steps.TryAdd(step.Id!, step))
            {
                errors.Add(step.Position, step.Id, ErrorCodes.DuplicateStepId,
                    $"step id '{step.Id}' is already used by the step on line {steps[step.Id!].Position.Line}");
            }
        }

        return steps;
    }

    private static void CheckDependencies(StepDraft step, Dictionary<string, StepDraft> steps, ErrorSink errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dependency in step.DependsOn)
        {
            if (dependency.StepId == step.Id)
            {
                errors.Add(dependency.Position, step.Id, ErrorCodes.SelfDependency, "a step cannot depend on itself");
            }
            else if (!steps.ContainsKey(dependency.StepId))
            {
                errors.Add(dependency.Position, step.Id, ErrorCodes.UnknownDependency,
                    $"depends on unknown step '{dependency.StepId}'{Suggestion.DidYouMean(dependency.StepId, steps.Keys)}");
            }
            else if (!seen.Add(dependency.StepId))
            {
                errors.Add(dependency.Position, step.Id, ErrorCodes.DuplicateDependency, $"'{dependency.StepId}' is listed twice in depends_on");
            }
        }
    }

    private static void ReportCycles(WorkflowDraft draft, Dictionary<string, StepDraft> steps, ErrorSink errors)
    {
        var visiting = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);

        void Visit(string id)
        {
            if (done.Contains(id))
            {
                return;
            }

            var index = visiting.IndexOf(id);
            if (index >= 0)
            {
                // Edges run from a step to what it depends on; print the cycle in the direction
                // work flows (dependency first), starting from the step written earliest.
                var cycle = visiting.Skip(index).Reverse().ToList();
                var first = cycle.MinBy(s => steps[s].Position.Line)!;
                var start = cycle.IndexOf(first);
                var ordered = cycle.Skip(start).Concat(cycle.Take(start)).ToList();
                if (reported.Add(string.Join(",", ordered.Order(StringComparer.Ordinal))))
                {
                    var path = string.Join(" -> ", ordered.Append(first));
                    errors.Add(steps[first].Position, first, ErrorCodes.Cycle, $"dependency cycle: {path}");
                }

                return;
            }

            visiting.Add(id);
            foreach (var dependency in steps[id].DependsOn.Select(d => d.StepId).Where(d => d != id && steps.ContainsKey(d)))
            {
                Visit(dependency);
            }

            visiting.RemoveAt(visiting.Count - 1);
            done.Add(id);
        }

        foreach (var step in draft.Steps.Where(s => s.Id is not null && steps[s.Id] == s))
        {
            Visit(step.Id!);
        }
    }
}
