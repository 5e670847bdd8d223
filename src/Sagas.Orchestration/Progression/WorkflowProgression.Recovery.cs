using Sagas.Contracts.Commands;
using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Recovery;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Progression;

// What the sweeper asks of a workflow that nothing will move: move it again, saying why.
public sealed partial class WorkflowProgression
{
    /// <summary>
    /// Moves a stuck workflow by <see cref="WorkflowHealth.RecoveryFor"/>: fires the retries and
    /// timeouts whose timers are gone, or plans its next steps again when nothing was
    /// outstanding. A workflow that moved since the sweeper read it (another revision) is not
    /// stuck, and is left alone.
    /// </summary>
    public void Recover(WorkflowState state, RecoverWorkflow request)
    {
        if (state.Revision != request.Revision || WorkflowHealth.RecoveryFor(state) is not { } plan || DefinitionOf(state) is not { } definition)
        {
            return;
        }

        // A run with nothing to plan again would be "recovered" at every sweep, changing nothing.
        if (plan is { RetryNow.Count: 0, TimeOutNow.Count: 0 } && state.Status == WorkflowStatus.Running && !CanAdvance(definition, ProgressOf(state)))
        {
            return;
        }

        state.Record(new WorkflowRecovered
        {
            WorkflowId = state.CorrelationId,
            Reason = request.Reason,
            Actions = plan.Actions,
            RecoveredAt = clock.GetUtcNow(),
        });
        foreach (var retry in plan.RetryNow)
        {
            RetryDue(state, new RetryStep { WorkflowId = state.CorrelationId, StepId = retry.StepId, Attempt = retry.Attempt, Compensation = retry.Compensation });
        }

        foreach (var attempt in plan.TimeOutNow)
        {
            TimeOut(state, new StepTimeoutElapsed { WorkflowId = state.CorrelationId, StepId = attempt.StepId, Attempt = attempt.Attempt, Compensation = attempt.Compensation });
        }

        if (plan.Replan)
        {
            Continue(state, definition);
        }
    }

    private static bool CanAdvance(WorkflowDefinition definition, WorkflowProgress progress) =>
        ReadyStepPlanner.IsComplete(definition, progress) || ReadyStepPlanner.Plan(definition, progress).Count > 0;
}
