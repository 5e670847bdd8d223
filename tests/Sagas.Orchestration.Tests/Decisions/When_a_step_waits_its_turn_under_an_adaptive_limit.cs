using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Orchestration.Adaptation;
using Sagas.Orchestration.Decisions;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;
using static Sagas.Orchestration.Tests.Decisions.DeciderSpecification;

namespace Sagas.Orchestration.Tests.Decisions;

public sealed class When_a_step_waits_its_turn_under_an_adaptive_limit
{
    private readonly DeciderSpecification _spec = new("""
        orchestration:
          adaptive:
            triggers: [load]
            load: { initial_limit: 1 }
        """);

    private readonly LimitWaiter _other = new(Guid.NewGuid(), "charge-payment", 1, "another run's charge");

    [Fact]
    public void It_is_queued_saying_how_many_are_in_flight_and_before_it_and_looks_again_by_itself_later()
    {
        TakeTheOnlySlot();

        var queued = Then(ChargePaymentReady()).OfType<StepQueued>().Single();

        Assert.True(queued.AdaptiveLimit);
        Assert.Equal(
            "adaptive-limit: 'payment' has 1 step(s) in flight from this orchestrator, at its adaptive limit of 1; 0 wait(s) before this one, and it goes when its turn comes",
            queued.Reason);
        Assert.Equal(At + LimitRouter.LookAgainAfter, queued.Until);
    }

    [Fact]
    public void It_is_woken_when_the_slot_frees_and_dispatched_on_the_wake()
    {
        TakeTheOnlySlot();
        List<object> history = [_spec.Started(), Dispatched("reserve-inventory"), .. Then(ChargePaymentReady())];

        _spec.Adaptations.Limits.Release("payment", _other.AttemptKey, TimeSpan.FromMilliseconds(20), At, _spec.Context.Policies.AdaptiveFor("payment").Load);
        Assert.True(_spec.Adaptations.Limits.Wakeups.TryRead(out var woken));
        var waiting = Given([.. history]);
        _spec.Decide.Waiting.RetryDue(waiting, new RetryStep { WorkflowId = woken.WorkflowId, StepId = woken.StepId, Attempt = woken.Attempt });

        var dispatched = Then(waiting).OfType<StepDispatched>().Single();
        Assert.Equal(("charge-payment", "payment", 1), (dispatched.StepId, dispatched.Service, dispatched.Attempt));
    }

    [Fact]
    public void A_service_without_the_load_trigger_has_no_limit()
    {
        var spec = new DeciderSpecification("""
            orchestration:
              adaptive:
                triggers: [latency]
            """);
        var state = Given(spec.Started(), Dispatched("reserve-inventory"));

        spec.Decide.Steps.Complete(state, Completed("reserve-inventory", output: new JsonObject { ["reservationId"] = "r-1" }));

        Assert.Contains(Then(state), e => e is StepDispatched { StepId: "charge-payment" });
        Assert.Empty(spec.Adaptations.Limits.Snapshot());
    }

    private void TakeTheOnlySlot() =>
        Assert.True(_spec.Adaptations.Limits.Admit("payment", _other, "other", At, _spec.Context.Policies.AdaptiveFor("payment").Load).Admitted);

    private WorkflowState ChargePaymentReady()
    {
        var state = Given(_spec.Started(), Dispatched("reserve-inventory"));
        _spec.Decide.Steps.Complete(state, Completed("reserve-inventory", output: new JsonObject { ["reservationId"] = "r-1" }));
        return state;
    }
}
