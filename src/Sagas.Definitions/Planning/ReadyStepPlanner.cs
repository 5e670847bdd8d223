using Sagas.Definitions.Expressions;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Planning;

/// <summary>
/// Decides which steps run next. A step not yet done or in flight is looked at once its
/// dependencies allow (<see cref="StepJoin"/>): by default when all have completed. Independent
/// steps are ready together (they run in parallel). A step whose join cannot be met because
/// dependencies were skipped is skipped too; a ready step with a <c>when:</c> runs only if it is
/// true, else it is skipped with the value. Skipping can make further steps skippable, so the
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
        foreach (var step in definition.Steps.Where(s => !progress.IsDone(s.Id) && !progress.InFlight.Contains(s.Id)))
        {
            switch (JoinOf(step, progress))
            {
                case JoinState.Waiting:
                    continue;
                case JoinState.Unreachable:
                    skip.Add(StepSkip.ByUpstream(step, [.. step.DependsOn.Where(progress.Skipped.Contains)]));
                    continue;
            }

            if (step.When is { } condition)
            {
                var outcome = ExpressionEvaluator.Evaluate(condition.Expression, new ProgressValues(progress), context);
                if (!outcome.Succeeded || ExpressionValues.TypeOf(outcome.Value) != "boolean")
                {
                    failed.Add(new ConditionFailure(step, condition, outcome.Failure ?? $"it gave {ExpressionValues.Describe(outcome.Value)}, not true or false"));
                    continue;
                }

                if (!outcome.Value!.GetValue<bool>())
                {
                    skip.Add(StepSkip.ByCondition(step, condition, outcome.Read));
                    continue;
                }

                run.Add(new PlannedStep(step, ValueResolver.Resolve(step.Input, progress)) { ConditionRead = outcome.Read });
                continue;
            }

            run.Add(new PlannedStep(step, ValueResolver.Resolve(step.Input, progress)));
        }

        return new StepDecisions(run, skip, failed);
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
