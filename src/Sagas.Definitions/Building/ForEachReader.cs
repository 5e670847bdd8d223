using Sagas.Definitions.Model;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Building;

/// <summary>
/// Reads a step's <c>for_each:</c> (an expression that gives a list), with <c>max_parallel</c> and
/// <c>on_item_failure</c>, which only such a step takes. A step that runs per item calls its
/// service: it has no <c>switch</c> and waits for no signal.
/// </summary>
internal static class ForEachReader
{
    private static readonly Dictionary<string, ItemFailure> Failures = new(StringComparer.Ordinal)
    {
        ["fail"] = ItemFailure.Fail,
        ["continue"] = ItemFailure.Continue,
    };

    public static StepForEach? Read(KeyedEntries step, string? stepId, ErrorSink errors)
    {
        if (step.Entry("for_each") is not { } entry)
        {
            foreach (var key in new[] { "max_parallel", "on_item_failure" }.Where(k => step.Entry(k) is not null))
            {
                errors.Add(step.Entry(key)!.Key.Position, stepId, ErrorCodes.InvalidForEach, $"only a step with 'for_each' takes '{key}'");
            }

            return null;
        }

        foreach (var key in new[] { "switch", "wait_for" }.Where(k => step.Entry(k) is not null))
        {
            errors.Add(step.Entry(key)!.Key.Position, stepId, ErrorCodes.InvalidForEach, $"a step with 'for_each' calls its service once per item; it cannot also have '{key}'");
        }

        var items = ConditionReader.Expression(entry.Value, "for_each", "\"$.input.lines\"", stepId, errors);
        var maxParallel = ScalarReader.Count(step["max_parallel"], "max_parallel", $"a whole number from 1 to {StepForEach.MaxItems}", stepId, ErrorCodes.InvalidForEach, errors);
        if (maxParallel > StepForEach.MaxItems)
        {
            errors.Add(step["max_parallel"]!.Position, stepId, ErrorCodes.InvalidForEach, $"'max_parallel' is {maxParallel}, over the {StepForEach.MaxItems} items a for_each may have");
        }

        var onFailure = ScalarReader.Choice(step["on_item_failure"], "on_item_failure", Failures, stepId, ErrorCodes.InvalidForEach, errors) ?? ItemFailure.Fail;
        return items is null ? null : new StepForEach(items, Math.Min(maxParallel ?? StepForEach.DefaultMaxParallel, StepForEach.MaxItems), onFailure);
    }
}
