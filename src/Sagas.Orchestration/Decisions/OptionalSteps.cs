using Sagas.Definitions.Model;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// An <c>optional: true</c> step about to be sent while its service is degraded by an adaptation
/// (its adaptive limit lowered for its latency) is skipped instead, with the adaptation as the
/// reason, and its dependents run as if it were done without output. Decided once, at its first
/// dispatch: a retry of an attempt already sent is not skipped.
/// </summary>
public sealed class OptionalSteps(DecisionContext context)
{
    /// <summary>True when the step was skipped (and recorded so).</summary>
    public bool SkipWhileDegraded(WorkflowState state, StepDefinition step, StepConditionRecord? condition)
    {
        var service = state.ServiceOf(step);
        if (!step.Optional || !context.Policies.Adapts || context.Adaptations.Limits.DegradedBecause(service) is not { } why)
        {
            return false;
        }

        var now = context.Now;
        if (condition is not null)
        {
            state.Record(new StepConditionMet { WorkflowId = state.CorrelationId, StepId = step.Id, Condition = condition, DecidedAt = now });
        }

        state.Record(new StepSkipped
        {
            WorkflowId = state.CorrelationId,
            StepId = step.Id,
            Reason = $"optional step skipped while '{service}' is degraded ({why}); its dependents run without its output",
            Optional = true,
            SkippedAt = now,
        });
        return true;
    }
}
