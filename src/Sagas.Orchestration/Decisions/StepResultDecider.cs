using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Definitions.Building;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// The end of a step's attempt: its result, its fault in the worker, or its timeout. Only the
/// attempt the run awaits counts; the circuit of its service observes it, then the run moves on
/// (a completed step) or the failure is handled (<see cref="AttemptFailures"/>).
/// </summary>
public sealed class StepResultDecider(
    DecisionContext context, WorkflowOutcomes outcomes, CircuitObserver circuits, ForwardFlow forward, AttemptFailures failures)
{
    public void Complete(WorkflowState state, StepCompleted result)
    {
        if (!state.AwaitsAttempt(result.StepId, result.Attempt) || outcomes.DefinitionOf(state) is not { } definition)
        {
            return;
        }

        state.Record(result);
        circuits.Observe(state, result.StepId, result.Attempt, failed: false);
        forward.Continue(state, definition);
    }

    /// <summary>A failure the service meant as final says nothing of its health; a retryable one does.</summary>
    public void Fail(WorkflowState state, StepFailed failure) => Fail(state, failure, countsAgainstService: failure.Retryable);

    /// <summary>A step's command faulted in the worker past its retries and sits in an error queue.</summary>
    public void Fault(WorkflowState state, ExecuteStep command, string reason) =>
        Fail(state, new StepFailed
        {
            WorkflowId = command.WorkflowId,
            StepId = command.StepId,
            Attempt = command.Attempt,
            Reason = $"the {command.Service} service faulted on the command ({reason}); it is in the '{command.Service}_error' queue",
            Retryable = false,
            FailedAt = context.Now,
        }, countsAgainstService: true);

    /// <summary>
    /// A step's timeout elapsed: if that attempt is still the one awaited, it counts as a failed,
    /// retryable attempt, and a result arriving for it later is ignored as stale.
    /// </summary>
    public void TimeOut(WorkflowState state, StepTimeoutElapsed due)
    {
        if (!state.AwaitsAttempt(due.StepId, due.Attempt) || context.Catalog.ByHash(state.DefinitionHash)?.StepAsChosen(state, due.StepId) is not { } step)
        {
            return;
        }

        var timeout = context.Policies.TimeoutFor(step, state.ServiceOf(step)) ?? TimeSpan.Zero;
        state.Record(new StepTimedOut
        {
            WorkflowId = state.CorrelationId,
            StepId = due.StepId,
            Attempt = due.Attempt,
            Timeout = timeout,
            TimedOutAt = context.Now,
            Service = state.ServiceOf(step),
        });
        circuits.Observe(state, due.StepId, due.Attempt, failed: true);
        if (step.Child is not null)
        {
            // Given up on: the child is asked to stop and undo what it did; its end comes too late to count.
            ChildCancels.Request(state, due.StepId, due.Attempt, $"its parent {state.CorrelationId} gave up on it after {DurationText.Words(timeout)}", context.Now);
        }

        var missing = step.WaitFor is { } wait ? $"no signal '{wait.Signal}'" : step.Child is { } child ? $"child workflow '{child.Definition}' did not end" : "no result";
        failures.AfterFailedAttempt(state, due.StepId, due.Attempt, $"{missing} within {DurationText.Words(timeout)}", retryable: true);
    }

    private void Fail(WorkflowState state, StepFailed failure, bool countsAgainstService)
    {
        if (!state.AwaitsAttempt(failure.StepId, failure.Attempt))
        {
            return;
        }

        state.Record(failure);
        circuits.Observe(state, failure.StepId, failure.Attempt, countsAgainstService ? true : null);
        failures.AfterFailedAttempt(state, failure.StepId, failure.Attempt, failure.Reason, failure.Retryable);
    }
}
