using Sagas.Contracts.Events;
using Sagas.Definitions.Expressions;
using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// What a run does next once something changed: a running one records the steps it skips, then
/// completes or dispatches the steps <see cref="ReadyStepPlanner"/> finds ready (recording the case
/// each <c>switch:</c> chose first); a compensating
/// one dispatches its next undos.
/// </summary>
public sealed class ForwardFlow(
    DecisionContext context, WorkflowOutcomes outcomes, StepDispatcher dispatcher, WorkflowEnding ending, CompensationFlow compensation, OptionalSteps optional)
{
    private readonly ItemRecords _items = new(context);

    public void Continue(WorkflowState state, WorkflowDefinition definition)
    {
        if (state.Status == WorkflowStatus.Running)
        {
            Advance(state, definition);
        }
        else if (state.Status == WorkflowStatus.Compensating)
        {
            compensation.Advance(state, definition);
        }
    }

    public void Advance(WorkflowState state, WorkflowDefinition definition)
    {
        var decisions = DecideSkipsFirst(state, definition);
        if (decisions.Failed.FirstOrDefault() is { } failure)
        {
            // Deterministic: evaluating again would fail the same way, so no retry is spent on it.
            ending.EndUnsuccessfully(state, definition, failure.Step.Id, $"step '{failure.Step.Id}': {failure.Message}");
            return;
        }

        var progress = state.Progress();
        if (ReadyStepPlanner.IsComplete(definition, progress))
        {
            Complete(state, definition, progress);
            return;
        }

        // Resolve every ready step before dispatching any, so a workflow that fails here sends nothing.
        var ready = decisions.Run;
        if (ready.FirstOrDefault(p => !p.Input.Succeeded) is { } unresolvable)
        {
            RecordBranch(state, unresolvable);
            var beforeBlock = state.PendingEvents.Count;
            dispatcher.Block(state, definition, unresolvable.Step, unresolvable.Input.Error!);
            GoOnAfterItems(state, definition, beforeBlock);
            return;
        }

        var recordedBefore = state.PendingEvents.Count;
        var skippedOptional = false;
        foreach (var planned in ready)
        {
            if (state.Status != WorkflowStatus.Running)
            {
                // A step before this one failed fast on an open circuit: the run is ending.
                return;
            }

            RecordBranch(state, planned);
            var condition = planned.ConditionRead is { } read ? new StepConditionRecord(planned.Step.When!.Text, read) : null;
            if (optional.SkipWhileDegraded(state, planned.Step, condition))
            {
                skippedOptional = true;
                continue;
            }

            dispatcher.Dispatch(state, definition, planned.Step, planned.Input.Value!, state.Attempts.GetValueOrDefault(planned.Step.Id) + 1, condition: condition);
        }

        if (skippedOptional)
        {
            // Done without output: the steps after it may be ready now.
            Advance(state, definition);
            return;
        }

        GoOnAfterItems(state, definition, recordedBefore);
    }

    /// <summary>
    /// An item of a for_each that goes on without failed items was set aside since
    /// <paramref name="recordedBefore"/> (it failed for good, failed fast on an open circuit, or its
    /// input could not be resolved): the plan is made again, so the next item runs or the items are gathered.
    /// </summary>
    public void GoOnAfterItems(WorkflowState state, WorkflowDefinition definition, int recordedBefore)
    {
        if (state.Status == WorkflowStatus.Running && state.PendingEvents.Skip(recordedBefore).OfType<ItemFailed>().Any())
        {
            Advance(state, definition);
        }
    }

    /// <summary>Whether planning again would do anything: complete the run, skip or dispatch a step, or fail on a condition.</summary>
    public bool CanAdvance(WorkflowState state, WorkflowDefinition definition)
    {
        var progress = state.Progress();
        return ReadyStepPlanner.IsComplete(definition, progress)
            || ReadyStepPlanner.Decide(definition, progress, Conditions) is { } decisions && (decisions.Run.Count > 0 || decisions.ChangesTheGraph || decisions.Failed.Count > 0);
    }

    private ExpressionContext Conditions => new(context.Now);

    // A skip can make steps after it skippable (their join can no longer be met), an expanded
    // for_each has items to run, a gathered one lets its dependents go on: each is recorded and
    // the plan made again until none is left; then what runs is decided.
    private StepDecisions DecideSkipsFirst(WorkflowState state, WorkflowDefinition definition)
    {
        while (true)
        {
            var decisions = ReadyStepPlanner.Decide(definition, state.Progress(), Conditions);
            if (!decisions.ChangesTheGraph)
            {
                return decisions;
            }

            _items.Record(state, decisions);

            foreach (var skip in decisions.Skip)
            {
                state.Record(new StepSkipped
                {
                    WorkflowId = state.CorrelationId,
                    StepId = skip.Step.Id,
                    Reason = skip.Reason,
                    Condition = skip.Condition?.Text,
                    Read = skip.Read,
                    SkippedDependencies = skip.SkippedDependencies,
                    SkippedAt = context.Now,
                });
            }
        }
    }

    private void RecordBranch(WorkflowState state, PlannedStep planned)
    {
        if (planned.Branch is { } branch)
        {
            state.Record(new BranchChosen
            {
                WorkflowId = state.CorrelationId,
                StepId = planned.Step.Id,
                Case = branch.Case,
                Service = planned.Step.Service,
                Condition = branch.Condition,
                Read = branch.Read,
                ChosenAt = context.Now,
            });
        }
    }

    private void Complete(WorkflowState state, WorkflowDefinition definition, WorkflowProgress progress)
    {
        var output = ValueResolver.Resolve(definition.Output, progress);
        if (!output.Succeeded)
        {
            ending.EndUnsuccessfully(state, definition, null, $"the workflow output could not be resolved: {output.Error}");
            return;
        }

        outcomes.Complete(state, output.Value!);
    }
}
