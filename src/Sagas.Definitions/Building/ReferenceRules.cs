using Sagas.Definitions.Model;

namespace Sagas.Definitions.Building;

/// <summary>
/// Checks that every reference can be resolved when it is needed: input fields are declared,
/// and a step reads only the outputs of steps upstream of it (so they are done by then). A
/// step's compensation may also read the step's own output, since it runs only once the step
/// has completed.
/// </summary>
internal static class ReferenceRules
{
    public static void Check(WorkflowDraft draft, ErrorSink errors)
    {
        var steps = draft.Steps.Where(s => s.Id is not null).DistinctBy(s => s.Id).ToDictionary(s => s.Id!, StringComparer.Ordinal);
        var inputFields = draft.Input.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var step in steps.Values)
        {
            var upstream = Upstream(step, steps);
            var perItem = step.ForEach is not null;
            foreach (var reference in step.Input.References())
            {
                CheckInputField(reference, step.Id, inputFields, errors);
                CheckStepOutput(reference, step.Id, steps, upstream, ownOutputReadable: false, errors);
                CheckItem(reference, step.Id, perItem, "its input", errors);
            }

            // A condition, and the list a for_each runs over, are evaluated before the step runs
            // (before any item exists): they read what its input may read, but no item.
            foreach (var (reference, key) in ConditionReferences(step.When).Select(r => (r, "when")).Concat(ConditionReferences(step.ForEach?.Items).Select(r => (r, "for_each"))))
            {
                CheckInputField(reference, step.Id, inputFields, errors);
                CheckStepOutput(reference, step.Id, steps, upstream, ownOutputReadable: false, errors);
                CheckItem(reference, step.Id, allowed: false, $"'{key}', which is decided before any item", errors);
            }

            foreach (var reference in step.Compensation?.Input.References() ?? [])
            {
                CheckInputField(reference, step.Id, inputFields, errors);
                CheckStepOutput(reference, step.Id, steps, upstream, ownOutputReadable: true, errors);
                CheckItem(reference, step.Id, perItem, "its compensation", errors);
            }

            // A case is chosen and called as the step is: it reads what the step may read.
            foreach (var branch in step.Switch?.Cases.Append(step.Switch.Default).OfType<CaseDraft>() ?? [])
            {
                foreach (var reference in ConditionReferences(branch.When).Concat(branch.Input?.References() ?? []))
                {
                    CheckInputField(reference, step.Id, inputFields, errors);
                    CheckStepOutput(reference, step.Id, steps, upstream, ownOutputReadable: false, errors);
                    CheckItem(reference, step.Id, allowed: false, "a switch case", errors);
                }

                foreach (var reference in branch.Compensation?.Input.References() ?? [])
                {
                    CheckInputField(reference, step.Id, inputFields, errors);
                    CheckStepOutput(reference, step.Id, steps, upstream, ownOutputReadable: true, errors);
                    CheckItem(reference, step.Id, allowed: false, "a switch case", errors);
                }
            }
        }

        foreach (var reference in draft.Output.References())
        {
            CheckInputField(reference, null, inputFields, errors);
            CheckStepOutput(reference, null, steps, upstream: null, ownOutputReadable: false, errors);
            CheckItem(reference, null, allowed: false, "the workflow's output", errors);
        }
    }

    // $.item and $.index exist only in the instances of a for_each step: in its input and its compensation.
    private static void CheckItem(ReferenceExpression expression, string? stepId, bool allowed, string where, ErrorSink errors)
    {
        if (!allowed && expression.Reference.Source is ReferenceSource.Item or ReferenceSource.ItemIndex)
        {
            errors.Add(expression.Line, stepId, ErrorCodes.ItemOutsideForEach, stepId is not null && where.StartsWith("its", StringComparison.Ordinal)
                ? $"'{expression.Reference.Text}' reads the item of a for_each, and step '{stepId}' has no for_each"
                : $"'{expression.Reference.Text}' reads the item of a for_each, which {where} cannot: only a for_each step's input and compensation read it");
        }
    }

    private static IEnumerable<ReferenceExpression> ConditionReferences(StepCondition? condition) =>
        condition?.Expression.Paths().Select(path => new ReferenceExpression(condition.Line, path.Reference)) ?? [];

    private static void CheckInputField(ReferenceExpression expression, string? stepId, HashSet<string> fields, ErrorSink errors)
    {
        var reference = expression.Reference;
        if (reference.Source != ReferenceSource.Input || reference.Path.Count == 0 || fields.Contains(reference.Path[0]))
        {
            return;
        }

        var declared = fields.Count == 0 ? "the workflow declares no input fields" : $"declared: {string.Join(", ", fields)}";
        errors.Add(expression.Line, stepId, ErrorCodes.UnknownInputField,
            $"'{reference.Text}' reads unknown input field '{reference.Path[0]}'{Suggestion.DidYouMean(reference.Path[0], fields)}; {declared}");
    }

    // upstream is null for the workflow's output, which is resolved after every step is done.
    private static void CheckStepOutput(
        ReferenceExpression expression,
        string? stepId,
        Dictionary<string, StepDraft> steps,
        HashSet<string>? upstream,
        bool ownOutputReadable,
        ErrorSink errors)
    {
        var reference = expression.Reference;
        if (reference.Source != ReferenceSource.StepOutput)
        {
            return;
        }

        var target = reference.StepId!;
        if (!steps.ContainsKey(target))
        {
            errors.Add(expression.Line, stepId, ErrorCodes.UnknownStepReference,
                $"'{reference.Text}' reads the output of unknown step '{target}'{Suggestion.DidYouMean(target, steps.Keys)}");
        }
        else if (target == stepId)
        {
            // A compensation runs once its step has completed, so by then the output exists.
            if (!ownOutputReadable)
            {
                errors.Add(expression.Line, stepId, ErrorCodes.SelfReference, $"'{reference.Text}' reads the step's own output, which does not exist yet");
            }
        }
        else if (upstream is not null && !upstream.Contains(target))
        {
            errors.Add(expression.Line, stepId, ErrorCodes.ReferenceNotUpstream,
                $"'{reference.Text}' reads the output of '{target}', which is not upstream of this step; add '{target}' to depends_on");
        }
    }

    /// <summary>Every step this one waits for, directly or through its dependencies.</summary>
    private static HashSet<string> Upstream(StepDraft step, Dictionary<string, StepDraft> steps)
    {
        var upstream = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(step.DependsOn.Select(d => d.StepId));
        while (pending.TryPop(out var id))
        {
            if (id != step.Id && steps.TryGetValue(id, out var dependency) && upstream.Add(id))
            {
                foreach (var next in dependency.DependsOn)
                {
                    pending.Push(next.StepId);
                }
            }
        }

        return upstream;
    }
}
