using Sagas.Orchestration.Recovery;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Recovery;

public sealed class Workflow_health
{
    [Fact]
    public void A_running_workflow_with_a_step_out_under_a_timeout_is_healthy() =>
        Assert.Empty(WorkflowHealth.Problems(Running(inFlight: "charge", timer: "charge")));

    [Fact]
    public void A_running_workflow_with_nothing_outstanding_is_stuck() =>
        Assert.StartsWith("Running with nothing outstanding", Assert.Single(WorkflowHealth.Problems(Running())));

    [Fact]
    public void A_step_out_with_no_timeout_is_at_risk() =>
        Assert.Equal("step 'charge' is in flight with no timeout: if its command or its result was lost, it waits forever",
            Assert.Single(WorkflowHealth.Problems(Running(inFlight: "charge"))));

    [Fact]
    public void A_step_waiting_to_retry_or_for_admission_is_outstanding()
    {
        var retrying = Running();
        retrying.RetryDue["charge"] = 2;
        var admitting = Running();
        admitting.AwaitingAdmission["charge"] = 1;

        Assert.Empty(WorkflowHealth.Problems(retrying));
        Assert.Empty(WorkflowHealth.Problems(admitting));
    }

    [Fact]
    public void An_ended_workflow_or_one_needing_an_operator_is_not_judged()
    {
        Assert.Empty(WorkflowHealth.Problems(new WorkflowState { Status = WorkflowStatus.Completed }));
        Assert.Empty(WorkflowHealth.Problems(new WorkflowState { Status = WorkflowStatus.NeedsAttention }));
    }

    [Fact]
    public void With_no_timer_left_a_retry_is_fired_an_attempt_under_a_timeout_timed_out_and_an_idle_run_planned_again()
    {
        var state = Running(inFlight: "charge", timer: "charge");
        state.Attempts["charge"] = 2;
        state.RetryDue["reserve"] = 3;
        state.Status = WorkflowStatus.Compensating;
        state.CompensationInFlight.Add("ship");
        state.CompensationAttempts["ship"] = 1;
        state.StepTimers["compensate:ship"] = Guid.NewGuid();

        var plan = WorkflowHealth.RecoveryFor(state)!;

        Assert.Equal([new StepAttempt("reserve", 3, false)], plan.RetryNow);
        Assert.Equal([new StepAttempt("charge", 2, false), new StepAttempt("ship", 1, true)], plan.TimeOutNow);
        Assert.False(plan.Replan);
        Assert.True(WorkflowHealth.RecoveryFor(Running())!.Replan);
    }

    [Fact]
    public void Nothing_is_done_for_a_step_with_no_timeout_one_waiting_for_a_slot_or_a_workflow_that_is_not_moving_forward()
    {
        var admitting = Running();
        admitting.AwaitingAdmission["charge"] = 1;

        Assert.Null(WorkflowHealth.RecoveryFor(Running(inFlight: "charge")));
        Assert.Null(WorkflowHealth.RecoveryFor(admitting));
        Assert.Null(WorkflowHealth.RecoveryFor(new WorkflowState { Status = WorkflowStatus.NeedsAttention }));
        Assert.Null(WorkflowHealth.RecoveryFor(new WorkflowState { Status = WorkflowStatus.Completed }));
    }

    private static WorkflowState Running(string? inFlight = null, string? timer = null)
    {
        var state = new WorkflowState { Status = WorkflowStatus.Running };
        if (inFlight is not null)
        {
            state.InFlight.Add(inFlight);
        }

        if (timer is not null)
        {
            state.StepTimers[timer] = Guid.NewGuid();
        }

        return state;
    }
}
