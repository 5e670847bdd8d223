using Sagas.Contracts.Commands;
using Sagas.Orchestration.Journal;
using static Sagas.Orchestration.Tests.Decisions.DeciderSpecification;

namespace Sagas.Orchestration.Tests.Decisions;

public sealed class When_the_sweeper_asks_to_recover_a_run
{
    private readonly DeciderSpecification _spec = new();

    [Fact]
    public void A_retry_whose_timer_is_gone_is_recorded_as_recovered_and_dispatched_now()
    {
        var retry = new StepRetryScheduled
        {
            WorkflowId = Id,
            StepId = "reserve-inventory",
            Attempt = 1,
            NextAttempt = 2,
            Delay = TimeSpan.FromSeconds(1),
            DueAt = At.AddSeconds(1),
            Reason = "provider down",
            Policy = "3 attempts",
            ScheduledAt = At,
        };
        var state = Given(_spec.Started(), Dispatched("reserve-inventory"), Failed("reserve-inventory"), retry);

        _spec.Decide.Recovery.Recover(state, new RecoverWorkflow { WorkflowId = Id, Revision = state.Revision, Reason = "still for a minute", RequestedAt = At });

        Assert.Collection(Then(state),
            e => Assert.Equal(["retry 'reserve-inventory' #2 now: its timer is gone"], Assert.IsType<WorkflowRecovered>(e).Actions),
            e => Assert.Equal(2, Assert.IsType<StepDispatched>(e).Attempt));
    }

    [Fact]
    public void A_run_that_moved_since_the_sweeper_read_it_is_left_alone()
    {
        var state = Given(_spec.Started());

        _spec.Decide.Recovery.Recover(state, new RecoverWorkflow { WorkflowId = Id, Revision = state.Revision - 1, Reason = "still for a minute", RequestedAt = At });

        Assert.Empty(Then(state));
    }
}
