using System.Text.Json.Nodes;
using Sagas.Definitions.Expressions;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Planning;

/// <summary>
/// Decides which steps run next. A step not yet done or in flight is looked at once its
/// dependencies allow (<see cref="StepJoin"/>): by default when all have completed. Independent
/// steps are ready together (they run in parallel). A step whose join cannot be met because
/// dependencies were skipped is skipped too; a ready step with a <c>when:</c> runs only if it is
/// true, else it is skipped with the value; a ready step with a <c>switch:</c> runs as the first case
/// whose <c>when:</c> holds, or as its default; a <c>for_each</c> step is expanded, then its items
/// planned (<see cref="ForEachPlanner"/>). Skipping can make further steps skippable, so the
/// caller records the skips and plans again.
/// </summary>
public static class ReadyStepPlanner
{
    /// <summary>What to do now, in file order.</summary>
    public static StepDecisions Decide(WorkflowDefinition definition, WorkflowProgress progress, ExpressionContext context)
    {
        var run = new List<PlannedStep>();
        var skip = new List<StepSkip>();
        var failed = new List<ConditionFailure>();
        var expand = new List<StepExpansion>();
        var gather = new List<StepGathering>();
        foreach (var step in definition.Steps.Where(s => !progress.IsDone(s.Id) && !progress.InFlight.Contains(s.Id)))
        {
            if (step.ForEach is { } perItem && progress.Expansions.TryGetValue(step.Id, out var items))
            {
                if (ForEachPlanner.PlanItems(step, perItem, items, progress, run) is { } gathered)
                {
                    gather.Add(gathered);
                }

                continue;
            }

            switch (JoinOf(step, progress))
            {
                case JoinState.Waiting:
                    continue;
                case JoinState.Unreachable:
                    skip.Add(StepSkip.ByUpstream(step, [.. step.DependsOn.Where(progress.Skipped.Contains)]));
                    continue;
            }

            JsonObject? conditionRead = null;
            if (step.When is { } condition)
            {
                var holds = Holds(condition, new ProgressValues(progress), context);
                if (holds.Failure is { } failure)
                {
                    failed.Add(new ConditionFailure(step, condition, failure));
                    continue;
                }

                if (holds.Value == false)
                {
                    skip.Add(StepSkip.ByCondition(step, condition, holds.Read));
                    continue;
                }

                conditionRead = holds.Read;
            }

            if (step.ForEach is { } forEach)
            {
                var (expansion, expansionFailure) = ForEachPlanner.Expand(step, forEach, progress, context, conditionRead);
                if (expansion is not null)
                {
                    expand.Add(expansion);
                }
                else
                {
                    failed.Add(expansionFailure!);
                }

                continue;
            }

            BranchChoice? branch = null;
            if (step.Switch is { } cases)
            {
                branch = Choose(step, cases, new ProgressValues(progress), context, out var caseFailure);
                if (branch is null)
                {
                    failed.Add(caseFailure!);
                    continue;
                }
            }

            var running = step.ForCase(branch?.Case);
            run.Add(new PlannedStep(running, ValueResolver.Resolve(running.Input, progress)) { ConditionRead = conditionRead, Branch = branch });
        }

        return new StepDecisions(run, skip, failed) { Expand = expand, Gather = gather };
    }

    // The first case whose when: holds, else the default; null with the failure when a case's
    // when: cannot be evaluated (the cases after it are never looked at).
    private static BranchChoice? Choose(StepDefinition step, StepSwitch cases, ProgressValues values, ExpressionContext context, out ConditionFailure? failure)
    {
        failure = null;
        var read = new JsonObject();
        foreach (var candidate in cases.Cases)
        {
            var holds = Holds(candidate.When!, values, context);
            foreach (var (path, value) in holds.Read)
            {
                read[path] = value?.DeepClone();
            }

            if (holds.Failure is { } reason)
            {
                failure = new ConditionFailure(step, candidate.When!, reason) { Case = candidate.Name };
                return null;
            }

            if (holds.Value == true)
            {
                return new BranchChoice(candidate.Name, candidate.When!.Text, read);
            }
        }

        return new BranchChoice(cases.Default.Name, null, read);
    }

    private static (bool? Value, string? Failure, JsonObject Read) Holds(StepCondition condition, ProgressValues values, ExpressionContext context)
    {
        var outcome = ExpressionEvaluator.Evaluate(condition.Expression, values, context);
        if (!outcome.Succeeded || ExpressionValues.TypeOf(outcome.Value) != "boolean")
        {
            return (null, outcome.Failure ?? $"it gave {ExpressionValues.Describe(outcome.Value)}, not true or false", outcome.Read);
        }

        return (outcome.Value!.GetValue<bool>(), null, outcome.Read);
    }

    /// <summary>True once every step has completed or was skipped.</summary>
    public static bool IsComplete(WorkflowDefinition definition, WorkflowProgress progress) =>
        definition.Steps.All(step => progress.IsDone(step.Id));

    private static JoinState JoinOf(StepDefinition step, WorkflowProgress progress)
    {
        if (step.DependsOn.Count == 0)
        {
            return JoinState.Ready;
        }

        var completed = step.DependsOn.Count(progress.IsCompleted);
        var skipped = step.DependsOn.Count(progress.Skipped.Contains);
        var all = step.DependsOn.Count;
        return step.Join switch
        {
            StepJoin.Any when completed > 0 => JoinState.Ready,
            StepJoin.Any or StepJoin.AllDone when skipped == all => JoinState.Unreachable,
            StepJoin.AllDone when completed + skipped == all => JoinState.Ready,
            StepJoin.All when completed == all => JoinState.Ready,
            StepJoin.All when skipped > 0 && completed + skipped == all => JoinState.Unreachable,
            _ => JoinState.Waiting,
        };
    }

    private enum JoinState
    {
        Waiting,
        Ready,
        Unreachable,
    }
}
