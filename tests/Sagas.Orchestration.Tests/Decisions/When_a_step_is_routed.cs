using Sagas.Orchestration.Decisions;
using static Sagas.Orchestration.Tests.Decisions.DeciderSpecification;

namespace Sagas.Orchestration.Tests.Decisions;

public sealed class When_a_step_is_routed
{
    private const string Breaker = """
        orchestration:
          policies:
            - name: failover
              enabled: true
          services:
            payment:
              alternates: [payment-backup]
              policies:
                - name: circuit_breaker
                  failure_ratio: 0.5
                  break_for: 5s
                  minimum_calls: 1
                  when_open: {0}
            payment-backup:
              endpoints: [backup-eu, backup-us]
        """;

    [Fact]
    public void A_step_of_a_limited_service_waits_for_a_slot_saying_the_limits()
    {
        var spec = new DeciderSpecification("""
            orchestration:
              services:
                payment:
                  policies:
                    - name: limits
                      max_in_flight: 2
            """);
        var state = Given(spec.Started());

        var route = new StepRouter(spec.Context, new InstanceRouter(spec.Context), new LimitRouter(spec.Context)).Route(state, spec.Context.Catalog.ByHash(spec.Hash)!.FindStep("charge-payment")!, 1, admitted: false);

        var slot = Assert.IsType<RouteDecision.WaitForSlot>(route);
        Assert.Equal(("payment", "'payment' is limited to 2 in flight across all nodes; the step waits its turn"), (slot.Service, slot.Reason));
        Assert.Empty(route.Hops);
    }

    [Fact]
    public void An_open_circuit_with_failover_moves_the_step_to_the_alternate_and_one_of_its_endpoints()
    {
        var spec = new DeciderSpecification(string.Format(Breaker, "failover"));
        OpenPaymentCircuit(spec);

        var route = new StepRouter(spec.Context, new InstanceRouter(spec.Context), new LimitRouter(spec.Context)).Route(Given(spec.Started()), ChargePayment(spec), 1, admitted: false);

        var go = Assert.IsType<RouteDecision.Dispatch>(route);
        Assert.Equal(("payment-backup", "backup-eu", false), (go.Service, go.Endpoint, go.Probe));
        var hop = Assert.Single(route.Hops);
        Assert.Equal(("payment", "payment-backup"), (hop.From, hop.To));
        Assert.StartsWith("the circuit of 'payment' is open until 12:00:05.000", hop.Reason);
    }

    [Fact]
    public void An_open_circuit_that_fails_fast_does_not_send_the_step()
    {
        var spec = new DeciderSpecification(string.Format(Breaker, "fail_fast"));
        OpenPaymentCircuit(spec);

        var route = new StepRouter(spec.Context, new InstanceRouter(spec.Context), new LimitRouter(spec.Context)).Route(Given(spec.Started()), ChargePayment(spec), 1, admitted: false);

        var failFast = Assert.IsType<RouteDecision.FailFast>(route);
        Assert.EndsWith("and its policy is to fail fast", failFast.Reason);
    }

    [Fact]
    public void An_open_circuit_that_waits_holds_the_step_until_it_half_opens()
    {
        var spec = new DeciderSpecification(string.Format(Breaker, "wait"));
        OpenPaymentCircuit(spec);

        var route = new StepRouter(spec.Context, new InstanceRouter(spec.Context), new LimitRouter(spec.Context)).Route(Given(spec.Started()), ChargePayment(spec), 1, admitted: false);

        var wait = Assert.IsType<RouteDecision.WaitForCircuit>(route);
        Assert.Equal(At + TimeSpan.FromSeconds(5), wait.Until);
    }

    [Fact]
    public void The_same_question_asked_again_by_a_retried_message_gets_the_same_endpoint()
    {
        var spec = new DeciderSpecification(string.Format(Breaker, "failover"));
        OpenPaymentCircuit(spec);
        var router = new StepRouter(spec.Context, new InstanceRouter(spec.Context), new LimitRouter(spec.Context));
        var state = Given(spec.Started());

        var first = Assert.IsType<RouteDecision.Dispatch>(router.Route(state, ChargePayment(spec), 1, admitted: false));
        var again = Assert.IsType<RouteDecision.Dispatch>(router.Route(state, ChargePayment(spec), 1, admitted: false));
        var next = Assert.IsType<RouteDecision.Dispatch>(router.Route(Given(spec.Started(), Dispatched("reserve-inventory")), ChargePayment(spec), 1, admitted: false));

        Assert.Equal(first.Endpoint, again.Endpoint);
        Assert.NotEqual(first.Endpoint, next.Endpoint);
    }

    private static Definitions.Model.StepDefinition ChargePayment(DeciderSpecification spec) =>
        spec.Context.Catalog.ByHash(spec.Hash)!.FindStep("charge-payment")!;

    private static void OpenPaymentCircuit(DeciderSpecification spec)
    {
        var breaker = spec.Context.Policies.BreakerFor("payment")!;
        Assert.NotNull(spec.Context.Breakers.Record("payment", breaker, failed: true, At, "elsewhere/outcome"));
    }
}
