using Sagas.Contracts.Commands;
using Sagas.Definitions.Planning;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Recovery;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Progression;

// Failed attempts: timeouts, retries after a delay, and the end of a step's attempts.
public sealed partial class WorkflowProgression
{
    /// <summary>
    /// A step's timeout elapsed: if that attempt is still the one awaited, it counts as a failed,
    /// retryable attempt, and a result arriving for it later is ignored as stale.
    /// </summary>
    public void TimeOut(WorkflowState state, StepTimeoutElapsed due)
    {
        if (due.Compensation)
        {
            CompensationTimedOut(state, due);
            return;
        }

        if (!IsCurrent(state, due.StepId, due.Attempt) || catalog.ByHash(state.DefinitionHash)?.FindStep(due.StepId) is not { } step)
        {
            return;
        }

        var timeout = policies.TimeoutFor(step, ServiceOf(state, step)) ?? TimeSpan.Zero;
        state.Record(new StepTimedOut
        {
            WorkflowId = state.CorrelationId,
            StepId = due.StepId,
            Attempt = due.Attempt,
            Timeout = timeout,
            TimedOutAt = clock.GetUtcNow(),
        });
        ObserveOutcome(state, due.StepId, due.Attempt, failed: true);
        AfterFailedAttempt(state, due.StepId, due.Attempt, $"no result within {Describe(timeout)}", retryable: true);
    }

    /// <summary>
    /// The deadline came while the workflow was still running: it ends as a failure does,
    /// undoing its completed steps first. One that is already ending or ended is left alone.
    /// </summary>
    public void DeadlinePassed(WorkflowState state, WorkflowDeadlineElapsed due)
    {
        if (state.Status != WorkflowStatus.Running || state.DeadlineAt is not { } deadlineAt || DefinitionOf(state) is not { } definition)
        {
            return;
        }

        var deadline = deadlineAt - state.StartedAt;
        state.Record(new WorkflowDeadlineExceeded
        {
            WorkflowId = state.CorrelationId,
            Deadline = deadline,
            DeadlineAt = deadlineAt,
            ExceededAt = clock.GetUtcNow(),
        });
        EndUnsuccessfully(state, definition, null, $"the workflow did not end within its deadline of {Describe(deadline)}");
    }

    // Another attempt after a delay when the failure allows it and the policy has attempts left
    // on the step's current service; then the next alternate service, when failover allows it;
    // otherwise the workflow fails.
    private void AfterFailedAttempt(WorkflowState state, string stepId, int attempt, string reason, bool retryable)
    {
        if (!state.IsForward)
        {
            // Compensating: a step that was still out has failed; nothing of it is left to undo.
            if (DefinitionOf(state) is { } compensating)
            {
                Continue(state, compensating);
            }

            return;
        }

        if (DefinitionOf(state) is not { } definition || definition.FindStep(stepId) is not { } step)
        {
            return;
        }

        var service = ServiceOf(state, step);
        var policy = policies.RetryFor(state.Definition, step, service);
        var attemptsHere = attempt - (state.Routes.TryGetValue(stepId, out var route) ? route.FirstAttempt : 1) + 1;
        if (retryable && policy.AllowsAnotherAttempt(attemptsHere))
        {
            ScheduleRetry(state, stepId, attempt, reason, policy, compensation: false, retriesHere: attemptsHere);
            return;
        }

        var failure = $"step '{stepId}' failed{AttemptsText(attemptsHere, policy, retryable)}{(service == step.Service ? string.Empty : $" on '{service}'")}: {reason}";
        if (retryable && NextAlternate(state, step, service) is { } next)
        {
            Reroute(state, step, attempt + 1, service, next, failure);
            ResolveAndDispatch(state, definition, step, attempt + 1);
            return;
        }

        EndUnsuccessfully(state, definition, stepId, failure);
    }

    // The retry decision, drawn once and recorded with the values that led to it.
    // The back-off counts the attempts on the step's current service (retriesHere), so an
    // alternate starts from the policy's first delay.
    private void ScheduleRetry(WorkflowState state, string stepId, int attempt, string reason, RetryPolicy policy, bool compensation, int? retriesHere = null)
    {
        var nextAttempt = attempt + 1;
        var delay = policy.DelayBefore((retriesHere ?? attempt) + 1, Random());
        var now = clock.GetUtcNow();
        state.Record(new StepRetryScheduled
        {
            WorkflowId = state.CorrelationId,
            StepId = stepId,
            Attempt = attempt,
            NextAttempt = nextAttempt,
            Delay = delay,
            DueAt = now + delay,
            Reason = reason,
            Policy = policy.ToString(),
            Compensation = compensation,
            ScheduledAt = now,
        });
    }

    private static string AttemptsText(int attempt, RetryPolicy policy, bool retryable) =>
        (attempt == 1 ? string.Empty : $" (attempt {attempt} of {policy.MaxAttempts})") + (retryable ? string.Empty : " (not retryable)");

    private static string Describe(TimeSpan span) =>
        span.TotalSeconds >= 1 && span.Milliseconds == 0 ? $"{span.TotalSeconds:0} s" : $"{span.TotalMilliseconds:0} ms";

    /// <summary>
    /// A retry timer fired: the step is dispatched again, unless this firing is stale (the
    /// workflow ended, or that attempt is no longer the one awaited) or a repeat.
    /// </summary>
    public void RetryDue(WorkflowState state, RetryStep due)
    {
        if (due.Compensation)
        {
            CompensationRetryDue(state, due);
            return;
        }

        if (!state.IsForward
            || !state.RetryDue.TryGetValue(due.StepId, out var awaited) || awaited != due.Attempt
            || DefinitionOf(state) is not { } definition
            || definition.FindStep(due.StepId) is not { } step)
        {
            return;
        }

        ResolveAndDispatch(state, definition, step, due.Attempt);
    }
}
