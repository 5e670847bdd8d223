using Sagas.Contracts.Events;
using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Recovery;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// Undoing a run that cannot complete: the next compensations <see cref="CompensationPlanner"/>
/// allows are dispatched, and once nothing is left to undo or await the run ends Compensated
/// (or Cancelled, when an operator asked).
/// </summary>
public sealed class CompensationFlow(DecisionContext context, WorkflowOutcomes outcomes)
{
    public void Advance(WorkflowState state, WorkflowDefinition definition)
    {
        foreach (var step in CompensationPlanner.Ready(definition.AsChosen(state), state.CompensationProgress()))
        {
            if (!Dispatch(state, step, state.CompensationAttempts.GetValueOrDefault(step.Id) + 1))
            {
                return;
            }
        }

        if (!CompensationPlanner.IsFinished(definition.AsChosen(state), state.CompensationProgress()))
        {
            return;
        }

        if (state.CancelRequested)
        {
            outcomes.Cancel(state, state.FailureReason ?? "cancelled");
            return;
        }

        outcomes.Compensated(state);
    }

    /// <summary>Sends an attempt of a step's compensation; false when its input cannot be resolved, and the run then needs attention.</summary>
    public bool Dispatch(WorkflowState state, StepDefinition step, int attempt)
    {
        var input = ValueResolver.Resolve(step.Compensation!.Input, state.ProgressFor(step));
        if (!input.Succeeded)
        {
            outcomes.NeedsAttention(state, step.Id, $"the compensation input of step '{step.Id}' could not be resolved: {input.Error}");
            return false;
        }

        var service = state.CompensationServiceOf(step);
        state.Record(new CompensationDispatched
        {
            WorkflowId = state.CorrelationId,
            StepId = step.Id,
            Attempt = attempt,
            Service = service,
            IdempotencyKey = IdempotencyKeys.ForCompensation(state.CorrelationId, step.Id, state.StepRuns.GetValueOrDefault(step.Id, 1)),
            Input = input.Value!,
            DispatchedAt = context.Now,
            Timeout = context.Policies.TimeoutFor(service),
            EffectKey = state.EffectKeyOf(step.Id),
            EffectService = state.ServiceOf(step),
            EffectAttempt = state.Attempts.GetValueOrDefault(step.Id),
        });
        return true;
    }
}
