using System.Text.Json.Nodes;
using Sagas.Definitions.Policies;
using Sagas.Orchestration.Adaptation;
using Sagas.Orchestration.Discovery;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Nodes;
using Sagas.Orchestration.Workflows;
using static Sagas.Orchestration.Tests.Decisions.DeciderSpecification;
using static Sagas.Orchestration.Tests.Discovery.Registry;

namespace Sagas.Orchestration.Tests.Decisions;

public sealed class When_a_step_is_routed_adaptively
{
    private readonly DeciderSpecification _spec = new("""
        orchestration:
          adaptive:
            triggers: [latency, error_rate]
            error_rate: { min_calls: 10 }
        """);

    private readonly AdaptivePolicy _policy;

    public When_a_step_is_routed_adaptively()
    {
        _policy = _spec.Context.Policies.AdaptiveFor("payment");
        _spec.Discovered.Replace(ServiceDirectory.From(
            [Node("a", At, Instance("payment", "a")), Node("b", At, Instance("payment", "b"))], DiscoveryPolicy.Default, At));
    }

    [Fact]
    public void It_goes_to_the_faster_instance_and_its_dispatch_says_what_each_showed()
    {
        Results("payment.a", 10, latencyMs: 12);
        Results("payment.b", 10, latencyMs: 150);

        var dispatched = DispatchOf(ChargePaymentReady());

        Assert.Equal("payment.a", dispatched.Instance);
        Assert.Equal("instance payment.a by latency (≈12 ms, 0 in flight) over payment.b (≈150 ms, 0 in flight), two of 2 drawn", dispatched.Balancing);
    }

    [Fact]
    public void An_ejected_instance_gets_no_step_and_the_one_left_needs_no_reason()
    {
        Results("payment.a", 10, latencyMs: 10);
        Results("payment.b", 10, latencyMs: 10, failures: 8);
        Assert.Contains(_spec.Adaptations.TakeJournal(), e => e is AdaptationApplied { Instance: "payment.b", Action: "ejected" });

        var dispatched = DispatchOf(ChargePaymentReady());

        Assert.Equal(("payment.a", null), (dispatched.Instance, dispatched.Balancing));
    }

    [Fact]
    public void The_result_of_a_dispatched_step_is_observed_against_its_instance_with_the_time_since_its_dispatch()
    {
        List<object> history = [_spec.Started(), Dispatched("reserve-inventory"), .. Then(ChargePaymentReady())];
        var dispatched = history.OfType<StepDispatched>().Single(d => d.StepId == "charge-payment");
        _spec.Clock.Advance(TimeSpan.FromMilliseconds(40));

        _spec.Decide.Steps.Complete(Given([.. history]), Completed("charge-payment", output: new JsonObject { ["paymentId"] = "p-1" }));

        var seen = Assert.Single(_spec.Adaptations.Snapshot(_spec.Clock.GetUtcNow()), i => i.Queue == dispatched.Instance);
        Assert.Equal((40.0, 1, 0, 0), (seen.AverageMs, seen.Calls, seen.Failures, seen.Pending));
    }

    private void Results(string instance, int count, double latencyMs, int failures = 0)
    {
        for (var index = 0; index < count; index++)
        {
            _spec.Adaptations.Observe("payment", instance, $"{instance}/{index}", TimeSpan.FromMilliseconds(latencyMs), index < failures, At, _policy, 2);
        }
    }

    private WorkflowState ChargePaymentReady()
    {
        var state = Given(_spec.Started(), Dispatched("reserve-inventory"));
        _spec.Decide.Steps.Complete(state, Completed("reserve-inventory", output: new JsonObject { ["reservationId"] = "r-1" }));
        return state;
    }

    private static StepDispatched DispatchOf(WorkflowState state) =>
        Then(state).OfType<StepDispatched>().Single(d => d.StepId == "charge-payment");
}
