using Sagas.Contracts.Commands;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Recovery;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// What the sweeper asks of a run that nothing will move: move it again by
/// <see cref="WorkflowHealth.RecoveryFor"/>, saying why. The retries and timeouts whose timers are
/// gone fire now; with nothing outstanding, its next steps (or undos) are planned again.
/// </summary>
public sealed class RecoveryDecider(
    DecisionContext context, WorkflowOutcomes outcomes, StepResultDecider steps, WaitingStepDecider waiting, CompensationDecider compensations, ForwardFlow forward)
{
    /// <summary>A run that moved since the sweeper read it (another revision) is not stuck, and is left alone.</summary>
    public void Recover(WorkflowState state, RecoverWorkflow request)
    {
        if (state.Revision != request.Revision || WorkflowHealth.RecoveryFor(state) is not { } plan || outcomes.DefinitionOf(state) is not { } definition)
        {
            return;
        }

        // A run with nothing to plan again would be "recovered" at every sweep, changing nothing.
        if (plan is { RetryNow.Count: 0, TimeOutNow.Count: 0 } && state.Status == WorkflowStatus.Running && !forward.CanAdvance(state, definition))
        {
            return;
        }

        state.Record(new WorkflowRecovered
        {
            WorkflowId = state.CorrelationId,
            Reason = request.Reason,
            Actions = plan.Actions,
            RecoveredAt = context.Now,
        });
        foreach (var retry in plan.RetryNow)
        {
            var due = new RetryStep { WorkflowId = state.CorrelationId, StepId = retry.StepId, Attempt = retry.Attempt, Compensation = retry.Compensation };
            if (retry.Compensation)
            {
                compensations.RetryDue(state, due);
            }
            else
            {
                waiting.RetryDue(state, due);
            }
        }

        foreach (var attempt in plan.TimeOutNow)
        {
            var due = new StepTimeoutElapsed { WorkflowId = state.CorrelationId, StepId = attempt.StepId, Attempt = attempt.Attempt, Compensation = attempt.Compensation };
            if (attempt.Compensation)
            {
                compensations.TimeOut(state, due);
            }
            else
            {
                steps.TimeOut(state, due);
            }
        }

        if (plan.Replan)
        {
            forward.Continue(state, definition);
        }
    }
}
