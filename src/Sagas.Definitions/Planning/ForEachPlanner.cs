using System.Text.Json.Nodes;
using Sagas.Definitions.Expressions;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Planning;

/// <summary>
/// A <c>for_each</c> step in the planner: once ready, its list is evaluated (once; the caller
/// records it); once expanded, its items run as instances of the step, at most
/// <c>max_parallel</c> at a time, in list order; once every item is done, their outputs are
/// gathered as the step's.
/// </summary>
internal static class ForEachPlanner
{
    public static (StepExpansion? Expansion, ConditionFailure? Failure) Expand(StepDefinition step, StepForEach forEach, WorkflowProgress progress, ExpressionContext context, JsonObject? conditionRead)
    {
        var outcome = ExpressionEvaluator.Evaluate(forEach.Items.Expression, new ProgressValues(progress), context);
        var problem = outcome.Failure
            ?? (outcome.Value is not JsonArray list ? $"it gave {(outcome.Value is null ? "null" : ExpressionValues.Describe(outcome.Value))}, not a list"
            : list.Count > StepForEach.MaxItems ? $"it gave {list.Count} items, over the limit of {StepForEach.MaxItems}"
            : null);
        return problem is null
            ? (new StepExpansion(step, (JsonArray)outcome.Value!, outcome.Read) { ConditionRead = conditionRead }, null)
            : (null, new ConditionFailure(step, forEach.Items, problem) { Key = "for_each" });
    }

    /// <summary>The items to dispatch now, into <paramref name="run"/>; the gathered output once every item is done, else null.</summary>
    public static StepGathering? PlanItems(StepDefinition step, StepForEach forEach, JsonArray items, WorkflowProgress progress, List<PlannedStep> run)
    {
        var free = forEach.MaxParallel - Enumerable.Range(0, items.Count).Count(i => progress.InFlight.Contains(StepItem.IdOf(step.Id, i)));
        var done = 0;
        for (var index = 0; index < items.Count; index++)
        {
            var id = StepItem.IdOf(step.Id, index);
            if (progress.IsCompleted(id) || progress.FailedItems.ContainsKey(id))
            {
                done++;
            }
            else if (!progress.InFlight.Contains(id) && free > 0)
            {
                free--;
                var instance = step.ForItem(index, items[index]);
                run.Add(new PlannedStep(instance, ValueResolver.Resolve(instance.Input, progress.For(instance.Item))));
            }
        }

        return done == items.Count ? new StepGathering(step, Gather(step.Id, items, progress)) : null;
    }

    // The items' outputs in list order (null for a failed one), and the failed ones with their reasons.
    private static JsonObject Gather(string stepId, JsonArray items, WorkflowProgress progress)
    {
        var outputs = new JsonArray();
        var failed = new JsonArray();
        for (var index = 0; index < items.Count; index++)
        {
            var id = StepItem.IdOf(stepId, index);
            outputs.Add(progress.CompletedOutputs.GetValueOrDefault(id)?.DeepClone());
            if (progress.FailedItems.TryGetValue(id, out var reason))
            {
                failed.Add(new JsonObject { ["index"] = index, ["item"] = items[index]?.DeepClone(), ["reason"] = reason });
            }
        }

        return new JsonObject { ["items"] = outputs, ["failed"] = failed };
    }
}

/// <summary>A ready <c>for_each</c> step's list, evaluated once: to be recorded before any item runs.</summary>
public sealed record StepExpansion(StepDefinition Step, JsonArray Items, JsonObject Read)
{
    /// <summary>The values its <c>when:</c> read, when it has one (it was true).</summary>
    public JsonObject? ConditionRead { get; init; }
}

/// <summary>A <c>for_each</c> step whose items are all done: its output, <c>{"items": [...], "failed": [...]}</c>.</summary>
public sealed record StepGathering(StepDefinition Step, JsonObject Output);
