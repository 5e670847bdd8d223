using Sagas.Contracts.Events;
using Sagas.Definitions.Policies;
using Sagas.Orchestration.Discovery;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Nodes;
using Sagas.Orchestration.Workflows;
using static Sagas.Orchestration.Tests.Decisions.DeciderSpecification;
using static Sagas.Orchestration.Tests.Discovery.Registry;

namespace Sagas.Orchestration.Tests.Decisions;

/// <summary>
/// A failover policy that validated but cannot be applied now: every registered instance of the
/// alternate is out. That is a policy violation, recorded once with the reason, and the step goes
/// on as with no failover; the next alternate in the chain is tried first.
/// </summary>
public sealed class When_an_alternate_cannot_take_the_step
{
    private const string Policies = """
        orchestration:
          policies:
            - name: failover
              enabled: true
            - name: retry
              max_attempts: 1
          services:
            payment:
              alternates: [payment-backup, payment-eu]
            payment-backup: {}
            payment-eu: {}
        """;

    private readonly DeciderSpecification _spec = new(Policies);

    [Fact]
    public void With_no_alternate_healthy_the_violation_is_recorded_and_the_step_fails_as_without_failover()
    {
        Register(Node("a", At, Instance("payment-backup", "a", health: "unhealthy", problem: "in maintenance"), Instance("payment-eu", "a", health: "unhealthy", problem: "in maintenance")));
        var state = ChargeDispatched();

        _spec.Decide.Steps.Fail(state, Failed("charge-payment"));

        var violations = Then(state).OfType<PolicyViolated>().ToList();
        var violated = Assert.Single(violations);
        Assert.Equal(("step charge-payment", "failover"), (violated.Scope, violated.Policy));
        Assert.Equal(
            "step 'charge-payment' would fail over from 'payment' to 'payment-backup', which cannot take it: no-healthy-instance: 'payment-backup' has 1 registered instance(s) and none is healthy (payment-backup.a: its health check fails: in maintenance)",
            violated.Reason);
        Assert.Equal("no failover to 'payment-backup' for this step now", Then(state).OfType<PolicyReverted>().Single().RevertedTo);
        Assert.DoesNotContain(Then(state), e => e is StepRerouted);
        Assert.Contains(Then(state), e => e is CompensationDispatched { StepId: "reserve-inventory" });
    }

    [Fact]
    public void The_next_alternate_that_can_take_it_does()
    {
        Register(Node("a", At, Instance("payment-backup", "a", health: "unhealthy", problem: "in maintenance"), Instance("payment-eu", "a")));
        var state = ChargeDispatched();

        _spec.Decide.Steps.Fail(state, Failed("charge-payment"));

        Assert.Contains("from 'payment' to 'payment-backup', which cannot take it", Then(state).OfType<PolicyViolated>().Single().Reason, StringComparison.Ordinal);
        var rerouted = Then(state).OfType<StepRerouted>().Single();
        Assert.Equal(("payment", "payment-eu"), (rerouted.From, rerouted.To));
        Assert.Equal(("payment-eu", "payment-eu.a"), Then(state).OfType<StepDispatched>().Single() is var d ? (d.Service, d.Instance) : default);
    }

    [Fact]
    public void An_alternate_no_instance_ever_registered_for_is_a_plain_workers_queue_and_takes_it()
    {
        Register(Node("a", At, Instance("inventory", "a")));
        var state = ChargeDispatched();

        _spec.Decide.Steps.Fail(state, Failed("charge-payment"));

        Assert.Empty(Then(state).OfType<PolicyViolated>());
        Assert.Equal("payment-backup", Then(state).OfType<StepRerouted>().Single().To);
    }

    private void Register(params NodeView[] nodes) =>
        _spec.Discovered.Replace(ServiceDirectory.From(nodes, DiscoveryPolicy.Default, _spec.Clock.GetUtcNow()));

    private WorkflowState ChargeDispatched() =>
        Given(_spec.Started(), Dispatched("reserve-inventory"), Completed("reserve-inventory", output: new() { ["reservationId"] = "r-1" }),
            Dispatched("charge-payment", service: "payment"));
}
