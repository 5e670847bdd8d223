using Sagas.Contracts.Commands;
using Sagas.Definitions.Building;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// The deadline came while the run was still going forward: it ends as a failure does, undoing
/// its completed steps first.
/// </summary>
public sealed class DeadlineDecider(DecisionContext context, WorkflowOutcomes outcomes, WorkflowEnding ending)
{
    public void DeadlinePassed(WorkflowState state, WorkflowDeadlineElapsed due)
    {
        if (state.DeadlineAt is not { } deadlineAt || outcomes.DefinitionOf(state) is not { } definition)
        {
            return;
        }

        var deadline = deadlineAt - state.StartedAt;
        state.Record(new WorkflowDeadlineExceeded
        {
            WorkflowId = state.CorrelationId,
            Deadline = deadline,
            DeadlineAt = deadlineAt,
            ExceededAt = context.Now,
        });
        ending.EndUnsuccessfully(state, definition, null, $"the workflow did not end within its deadline of {DurationText.Words(deadline)}");
    }
}
