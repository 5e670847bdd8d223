using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Recovery;

/// <summary>
/// What can be wrong with one workflow that has not ended, judged from its saga state alone:
/// waiting with nothing that could move it, or a step out with no timeout to notice it lost.
/// Pure: <c>sagas doctor</c> runs it over every open workflow.
/// </summary>
public static class WorkflowHealth
{
    public static IReadOnlyList<string> Problems(WorkflowState state)
    {
        if (state.Status is not (WorkflowStatus.Running or WorkflowStatus.Compensating))
        {
            return [];
        }

        var problems = new List<string>();
        var outstanding = state.InFlight.Count + state.RetryDue.Count + state.AwaitingAdmission.Count
            + state.CompensationInFlight.Count + state.CompensationRetryDue.Count;
        if (outstanding == 0)
        {
            problems.Add($"{state.Status} with nothing outstanding: no step in flight, none due to retry, none waiting for admission; nothing will move it");
        }

        problems.AddRange(state.InFlight.Where(step => !state.StepTimers.ContainsKey(step)).Order(StringComparer.Ordinal)
            .Select(step => $"step '{step}' is in flight with no timeout: if its command or its result was lost, it waits forever"));
        problems.AddRange(state.CompensationInFlight.Where(step => !state.StepTimers.ContainsKey($"compensate:{step}")).Order(StringComparer.Ordinal)
            .Select(step => $"the compensation of step '{step}' is in flight with no timeout"));
        return problems;
    }

    /// <summary>
    /// What would move the workflow again, given that none of its timers is left (but its
    /// deadline's): the sweeper checks that in PostgreSQL, this decides from the state. Null when
    /// nothing can be done from here: it has ended, it waits for an operator, a slot or a step
    /// with no timeout.
    /// </summary>
    public static RecoveryPlan? RecoveryFor(WorkflowState state)
    {
        if (state.Status is not (WorkflowStatus.Running or WorkflowStatus.Compensating))
        {
            return null;
        }

        var retry = state.RetryDue.Select(r => new StepAttempt(r.Key, r.Value, false))
            .Concat(state.CompensationRetryDue.Select(r => new StepAttempt(r.Key, r.Value, true)))
            .OrderBy(s => s.StepId, StringComparer.Ordinal).ToList();
        var timeOut = state.InFlight.Where(state.StepTimers.ContainsKey)
            .Select(step => new StepAttempt(step, state.Attempts.GetValueOrDefault(step), false))
            .Concat(state.CompensationInFlight.Where(step => state.StepTimers.ContainsKey($"compensate:{step}"))
                .Select(step => new StepAttempt(step, state.CompensationAttempts.GetValueOrDefault(step), true)))
            .OrderBy(s => s.StepId, StringComparer.Ordinal).ToList();
        var outstanding = state.InFlight.Count + state.RetryDue.Count + state.AwaitingAdmission.Count
            + state.CompensationInFlight.Count + state.CompensationRetryDue.Count;
        var plan = new RecoveryPlan(retry, timeOut, Replan: outstanding == 0);
        return plan.Actions.Count == 0 ? null : plan;
    }
}
