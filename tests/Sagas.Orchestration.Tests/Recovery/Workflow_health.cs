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
