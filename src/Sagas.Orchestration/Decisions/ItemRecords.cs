using Sagas.Definitions.Planning;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>Records what the planner decided of <c>for_each</c> steps: a list expanded, or the items' outputs gathered.</summary>
internal sealed class ItemRecords(DecisionContext context)
{
    public void Record(WorkflowState state, StepDecisions decisions)
    {
        foreach (var expansion in decisions.Expand)
        {
            state.Record(new ItemsExpanded
            {
                WorkflowId = state.CorrelationId,
                StepId = expansion.Step.Id,
                Items = expansion.Items,
                Expression = expansion.Step.ForEach!.Items.Text,
                Read = expansion.Read,
                Condition = expansion.ConditionRead is { } read ? new StepConditionRecord(expansion.Step.When!.Text, read) : null,
                ExpandedAt = context.Now,
            });
        }

        foreach (var gathering in decisions.Gather)
        {
            state.Record(new ItemsGathered
            {
                WorkflowId = state.CorrelationId,
                StepId = gathering.Step.Id,
                Output = gathering.Output,
                GatheredAt = context.Now,
            });
        }
    }
}
