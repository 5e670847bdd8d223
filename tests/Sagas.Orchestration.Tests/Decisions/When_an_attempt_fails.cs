using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using static Sagas.Orchestration.Tests.Decisions.DeciderSpecification;

namespace Sagas.Orchestration.Tests.Decisions;

public sealed class When_an_attempt_fails
{
    private const string TwoAttemptsThenBackup = """
        orchestration:
          policies:
            - name: failover
              enabled: true
            - name: retry
              max_attempts: 2
              delay: 100ms
              jitter: false
          services:
            payment:
              alternates: [payment-backup]
            payment-backup: {}
        """;

    private readonly DeciderSpecification _spec = new(TwoAttemptsThenBackup);

    [Fact]
    public void A_retryable_failure_with_attempts_left_schedules_the_next_attempt_with_the_delay_it_drew()
    {
        var state = Given(_spec.Started(), Dispatched("reserve-inventory"), Completed("reserve-inventory"), Dispatched("charge-payment", service: "payment"));

        _spec.Decide.Steps.Fail(state, Failed("charge-payment"));

        Assert.Collection(Then(state),
            e => Assert.IsType<StepFailed>(e),
            e =>
            {
                var retry = Assert.IsType<StepRetryScheduled>(e);
                Assert.Equal((1, 2, TimeSpan.FromMilliseconds(100), At + TimeSpan.FromMilliseconds(100)), (retry.Attempt, retry.NextAttempt, retry.Delay, retry.DueAt));
                Assert.Equal("provider down", retry.Reason);
            });
    }

    [Fact]
    public void The_last_attempt_on_a_service_moves_the_step_to_its_alternate_with_its_input_resolved_again()
    {
        var state = Given(_spec.Started(), Dispatched("reserve-inventory"), Completed("reserve-inventory", output: new() { ["reservationId"] = "r-1" }),
            Dispatched("charge-payment", service: "payment"), Failed("charge-payment"),
            Dispatched("charge-payment", attempt: 2, service: "payment"));

        _spec.Decide.Steps.Fail(state, Failed("charge-payment", attempt: 2));

        Assert.Collection(Then(state),
            e => Assert.IsType<StepFailed>(e),
            e => Assert.Equal(("payment", "payment-backup", 3, "step 'charge-payment' failed (attempt 2 of 2): provider down"),
                Assert.IsType<StepRerouted>(e) is var r ? (r.From, r.To, r.Attempt, r.Reason) : default),
            e =>
            {
                var dispatched = Assert.IsType<StepDispatched>(e);
                Assert.Equal(("payment-backup", 3, "r-1"), (dispatched.Service, dispatched.Attempt, dispatched.Input["reservationId"]!.GetValue<string>()));
            });
    }

    [Fact]
    public void A_failure_that_is_not_retryable_undoes_what_completed_without_failing_over()
    {
        var state = Given(_spec.Started(), Dispatched("reserve-inventory"), Completed("reserve-inventory", output: new() { ["reservationId"] = "r-1" }),
            Dispatched("charge-payment", service: "payment"));

        _spec.Decide.Steps.Fail(state, Failed("charge-payment", retryable: false));

        Assert.Collection(Then(state),
            e => Assert.IsType<StepFailed>(e),
            e => Assert.Equal(["reserve-inventory"], Assert.IsType<CompensationStarted>(e).Steps),
            e => Assert.Equal(("reserve-inventory", "inventory"), Assert.IsType<CompensationDispatched>(e) is var c ? (c.StepId, c.Service) : default));
        Assert.Equal("step 'charge-payment' failed (not retryable): provider down", state.FailureReason);
    }

    [Fact]
    public void A_result_for_an_attempt_no_longer_awaited_changes_nothing()
    {
        var state = Given(_spec.Started(), Dispatched("reserve-inventory"), Failed("reserve-inventory"), Dispatched("reserve-inventory", attempt: 2));

        _spec.Decide.Steps.Fail(state, Failed("reserve-inventory", attempt: 1));
        _spec.Decide.Steps.Complete(state, Completed("reserve-inventory", attempt: 1));

        Assert.Empty(Then(state));
    }
}
