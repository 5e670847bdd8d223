using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Definitions.Building;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// The answers to a run's compensations: an undo that succeeded lets the next ones go; one that
/// failed is tried again after a delay, or the run needs attention once it failed for good. Also
/// while another compensation needs attention: the others carry on meanwhile, so an operator's
/// retry of that one finds nothing else left waiting.
/// </summary>
public sealed class CompensationDecider(
    DecisionContext context, WorkflowOutcomes outcomes, CompensationFlow compensation, ForwardFlow forward, RetryScheduling retries)
{
    public void Compensated(WorkflowState state, StepCompensated result)
    {
        if (state.AwaitsCompensation(result.StepId, result.Attempt) && outcomes.DefinitionOf(state) is { } definition)
        {
            state.Record(result);
            forward.Continue(state, definition);
        }
    }

    public void Failed(WorkflowState state, StepCompensationFailed failure)
    {
        if (!state.AwaitsCompensation(failure.StepId, failure.Attempt)
            || outcomes.DefinitionOf(state)?.StepAsChosen(state, failure.StepId) is not { Compensation: not null } step)
        {
            return;
        }

        state.Record(failure);
        var policy = context.Options.RetryFor(state.CompensationServiceOf(step));
        if (failure.Retryable && policy.AllowsAnotherAttempt(failure.Attempt))
        {
            retries.Schedule(state, failure.StepId, failure.Attempt, failure.Reason, policy, compensation: true);
            return;
        }

        outcomes.NeedsAttention(state, failure.StepId,
            $"the compensation of step '{failure.StepId}' failed{RetryScheduling.AttemptsText(failure.Attempt, policy, failure.Retryable)}: {failure.Reason}");
    }

    /// <summary>A compensation's command faulted in the worker past its retries and sits in an error queue.</summary>
    public void Fault(WorkflowState state, CompensateStep command, string reason) =>
        Failed(state, FailureOf(command.StepId, command.Attempt, state,
            $"the {command.Service} service faulted on the compensation ({reason}); it is in the '{command.Service}_error' queue", retryable: false));

    /// <summary>
    /// A compensation that got no answer in time failed, retryably: a lost command or a hung
    /// service never leaves the run compensating forever.
    /// </summary>
    public void TimeOut(WorkflowState state, StepTimeoutElapsed due)
    {
        if (state.AwaitsCompensation(due.StepId, due.Attempt)
            && outcomes.DefinitionOf(state)?.StepAsChosen(state, due.StepId) is { Compensation: not null } step)
        {
            Failed(state, FailureOf(due.StepId, due.Attempt, state,
                $"no result within {DurationText.Words(context.Policies.TimeoutFor(state.CompensationServiceOf(step)) ?? TimeSpan.Zero)}", retryable: true));
        }
    }

    public void RetryDue(WorkflowState state, RetryStep due)
    {
        if (state.CompensationRetryDue.TryGetValue(due.StepId, out var awaited) && awaited == due.Attempt
            && outcomes.DefinitionOf(state)?.StepAsChosen(state, due.StepId) is { } step)
        {
            compensation.Dispatch(state, step, due.Attempt);
        }
    }

    // What the saga records for a compensation that got no answer of its own: a fault or a timeout.
    private StepCompensationFailed FailureOf(string stepId, int attempt, WorkflowState state, string reason, bool retryable) => new()
    {
        WorkflowId = state.CorrelationId,
        StepId = stepId,
        Attempt = attempt,
        Reason = reason,
        Retryable = retryable,
        FailedAt = context.Now,
    };
}
