using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Recovery;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// The retry decision: another attempt after a delay drawn once (with its jitter) and recorded
/// with the values that led to it, so a replay never draws again.
/// </summary>
public sealed class RetryScheduling(DecisionContext context)
{
    /// <summary>
    /// Schedules the attempt after <paramref name="attempt"/>. The back-off counts the attempts on
    /// the step's current service (<paramref name="attemptsHere"/>), so an alternate starts from
    /// the policy's first delay.
    /// </summary>
    public void Schedule(WorkflowState state, string stepId, int attempt, string reason, RetryPolicy policy, bool compensation, int? attemptsHere = null, string? effect = null)
    {
        var delay = policy.DelayBefore((attemptsHere ?? attempt) + 1, context.Random());
        var now = context.Now;
        state.Record(new StepRetryScheduled
        {
            WorkflowId = state.CorrelationId,
            StepId = stepId,
            Attempt = attempt,
            NextAttempt = attempt + 1,
            Delay = delay,
            DueAt = now + delay,
            Reason = reason,
            Policy = policy.ToString(),
            Compensation = compensation,
            Effect = effect,
            ScheduledAt = now,
        });
    }

    /// <summary>How a final failure names its attempts: "(attempt 3 of 3)", "(not retryable)".</summary>
    public static string AttemptsText(int attempt, RetryPolicy policy, bool retryable) =>
        (attempt == 1 ? string.Empty : $" (attempt {attempt} of {policy.MaxAttempts})") + (retryable ? string.Empty : " (not retryable)");
}
