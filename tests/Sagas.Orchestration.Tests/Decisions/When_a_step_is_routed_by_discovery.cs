using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Definitions.Policies;
using Sagas.Orchestration.Decisions;
using Sagas.Orchestration.Discovery;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Nodes;
using Sagas.Orchestration.Workflows;
using static Sagas.Orchestration.Tests.Decisions.DeciderSpecification;
using static Sagas.Orchestration.Tests.Discovery.Registry;

namespace Sagas.Orchestration.Tests.Decisions;

public sealed class When_a_step_is_routed_by_discovery
{
    private readonly DeciderSpecification _spec = new();
    private readonly List<object> _history = [];

    [Fact]
    public void It_goes_to_a_healthy_instance_and_says_which_and_why_on_its_dispatch()
    {
        Register(Node("a", At, Instance("payment", "a")), Node("b", At, Instance("payment", "b")));

        var dispatched = DispatchOf(ChargePaymentReady());

        Assert.Equal(("payment", "payment.a", "instance payment.a (1 of 2 healthy in turn)"), (dispatched.Service, dispatched.Instance, dispatched.Balancing));
    }

    [Fact]
    public void Instances_take_steps_in_turn_and_a_retried_message_gets_the_same_one()
    {
        Register(Node("a", At, Instance("payment", "a")), Node("b", At, Instance("payment", "b")));
        var healthy = _spec.Discovered.Current.Of("payment")!.Instances;

        var picks = new[] { "wf-1/charge-payment/1", "wf-2/charge-payment/1", "wf-1/charge-payment/1", "wf-3/charge-payment/1" }
            .Select(key => _spec.Discovered.Choose("payment", healthy, key).Queue);

        Assert.Equal(["payment.a", "payment.b", "payment.a", "payment.a"], picks);
    }

    [Fact]
    public void It_goes_to_the_shared_queue_when_no_instance_of_its_service_ever_registered()
    {
        Register(Node("a", At, Instance("inventory", "a")));

        var dispatched = DispatchOf(ChargePaymentReady());

        Assert.Equal(("payment", null, null), (dispatched.Service, dispatched.Instance, dispatched.Balancing));
    }

    [Fact]
    public void It_skips_an_instance_out_of_the_rotation_and_records_no_reason_when_one_is_left()
    {
        var lost = Node("a", At.AddMinutes(-1), Instance("payment", "a"));
        lost.Status = NodeStatus.Lost;
        Register(lost, Node("b", At, Instance("payment", "b")));

        var dispatched = DispatchOf(ChargePaymentReady());

        Assert.Equal(("payment.b", null), (dispatched.Instance, dispatched.Balancing));
    }

    [Fact]
    public void With_no_healthy_instance_it_waits_saying_why_and_looks_again_a_quarter_refresh_later()
    {
        Register(Node("a", At, Instance("payment", "a", health: "unhealthy", problem: "in maintenance")));
        var state = ChargePaymentReady();

        var queued = Then(state).OfType<StepQueued>().Single();

        Assert.True(queued.NoHealthyInstance);
        Assert.Equal(
            "no-healthy-instance: 'payment' has 1 registered instance(s) and none is healthy (payment.a: its health check fails: in maintenance); the step is sent when one is",
            queued.Reason);
        Assert.Equal(At + TimeSpan.FromSeconds(7.5), queued.Until);
        Assert.DoesNotContain(Then(state), e => e is StepDispatched { StepId: "charge-payment" });
        Assert.Equal(new InstanceWait(1, At), Applied(state).InstanceWaits["charge-payment"]);
    }

    [Fact]
    public void A_waiting_step_is_sent_once_an_instance_is_healthy()
    {
        Register(Node("a", At, Instance("payment", "a", health: "unhealthy", problem: "in maintenance")));
        var waiting = Applied(ChargePaymentReady());
        _spec.Clock.Advance(TimeSpan.FromSeconds(7.5));
        Register(Node("a", _spec.Clock.GetUtcNow(), Instance("payment", "a")));

        _spec.Decide.Waiting.RetryDue(waiting, Due());

        var dispatched = Then(waiting).OfType<StepDispatched>().Single();
        Assert.Equal(("charge-payment", 1, "payment.a"), (dispatched.StepId, dispatched.Attempt, dispatched.Instance));
        Assert.Empty(Applied(waiting).InstanceWaits);
    }

    [Fact]
    public void A_step_still_waiting_looks_again_but_no_later_than_its_timeout_from_its_first_wait()
    {
        Register(Node("a", At, Instance("payment", "a", health: "unhealthy", problem: "in maintenance")));
        var waiting = Applied(ChargePaymentReady());
        _spec.Clock.Advance(TimeSpan.FromSeconds(7.5));
        Register(Node("a", _spec.Clock.GetUtcNow(), Instance("payment", "a", health: "unhealthy", problem: "in maintenance")));

        _spec.Decide.Waiting.RetryDue(waiting, Due());

        var again = Then(waiting).OfType<StepQueued>().Single();
        Assert.Equal(At + TimeSpan.FromSeconds(10), again.Until);
        Assert.Equal(new InstanceWait(1, At), Applied(waiting).InstanceWaits["charge-payment"]);
    }

    [Fact]
    public void A_step_that_waited_its_timeout_fails_the_attempt_and_is_retried_by_its_policy()
    {
        Register(Node("a", At, Instance("payment", "a", health: "unhealthy", problem: "in maintenance")));
        var waiting = Applied(ChargePaymentReady());
        _spec.Clock.Advance(TimeSpan.FromSeconds(10));
        Register(Node("a", _spec.Clock.GetUtcNow(), Instance("payment", "a", health: "unhealthy", problem: "in maintenance")));

        _spec.Decide.Waiting.RetryDue(waiting, Due());

        var failed = Then(waiting).OfType<StepFailed>().Single();
        Assert.Equal((1, true), (failed.Attempt, failed.Retryable));
        Assert.Equal("no healthy instance of 'payment' within 10 s (payment.a: its health check fails: in maintenance)", failed.Reason);
        var retry = Then(waiting).OfType<StepRetryScheduled>().Single();
        Assert.Equal(("charge-payment", 2), (retry.StepId, retry.NextAttempt));
    }

    [Fact]
    public void Replaying_the_stream_rebuilds_the_dispatch_and_the_wait_without_asking_the_registry()
    {
        Register(Node("a", At, Instance("payment", "a")));
        var dispatched = ChargePaymentReady();
        Assert.Empty(WorkflowReplay.Differences(dispatched, [.. _history, .. Then(dispatched)]));

        Register(Node("a", At, Instance("payment", "a", health: "unhealthy", problem: "in maintenance")));
        var waiting = ChargePaymentReady();
        Register();
        Assert.Empty(WorkflowReplay.Differences(waiting, [.. _history, .. Then(waiting)]));
    }

    private void Register(params NodeView[] nodes) =>
        _spec.Discovered.Replace(ServiceDirectory.From(nodes, DiscoveryPolicy.Default, _spec.Clock.GetUtcNow()));

    // Inventory reserved: charge-payment (payment, by the switch's default) is ready next.
    private WorkflowState ChargePaymentReady()
    {
        _history.Clear();
        _history.AddRange([_spec.Started(), Dispatched("reserve-inventory")]);
        var state = Given([.. _history]);
        _spec.Decide.Steps.Complete(state, Completed("reserve-inventory", output: new JsonObject { ["reservationId"] = "r-1" }));
        return state;
    }

    private static StepDispatched DispatchOf(WorkflowState state) =>
        Then(state).OfType<StepDispatched>().Single(d => d.StepId == "charge-payment");

    // The state with what the decider recorded applied, as the committed saga would hold it.
    private WorkflowState Applied(WorkflowState decided)
    {
        _history.AddRange([.. Then(decided).Where(e => !_history.Contains(e))]);
        return Given([.. _history]);
    }

    private static RetryStep Due() => new() { WorkflowId = Id, StepId = "charge-payment", Attempt = 1 };
}
