using System.Text.Json.Nodes;
using Sagas.Definitions.Policies;
using Sagas.Orchestration.Adaptation;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Adaptation;

public sealed class When_a_service_is_degraded
{
    private const string Policies = """
        orchestration:
          adaptive:
            triggers: [load]
            load: { initial_limit: 4, tolerance: 2 }
          services:
            payment:
              alternates: [payment-backup]
            payment-backup: {}
        """;

    private const string Checkout = """
        id: checkout
        version: 1
        input:
          orderId: string
        steps:
          - id: charge
            service: payment
            input: { orderId: $.input.orderId }
          - id: recommend
            service: recommendations
            optional: true
            depends_on: [charge]
            input: { orderId: $.input.orderId }
          - id: ship
            service: shipping
            depends_on: [recommend]
            input: { orderId: $.input.orderId }
        output:
          shipment: $.steps.ship.output.shipmentId
        """;

    [Fact]
    public async Task An_optional_step_of_it_is_skipped_saying_why_and_its_dependents_run_as_if_it_were_done()
    {
        await using var harness = await OrchestratorHarness.StartWithPoliciesAsync(Policies, null, Checkout);
        Degrade(harness, "recommendations");
        var id = await harness.StartAsync("checkout", new JsonObject { ["orderId"] = "o-1" });

        await harness.CompleteAsync(await harness.DispatchedAsync(id, "charge"), new JsonObject { ["paymentId"] = "p-1" });
        await harness.CompleteAsync(await harness.DispatchedAsync(id, "ship"), new JsonObject { ["shipmentId"] = "s-1" });

        var done = await harness.WhenAsync(id, s => s.Status == WorkflowStatus.Completed);
        var skipped = done.PendingEvents.OfType<StepSkipped>().Single();
        Assert.Equal(("recommend", true), (skipped.StepId, skipped.Optional));
        Assert.StartsWith(
            "optional step skipped while 'recommendations' is degraded (load: its adaptive limit on this orchestrator is down to 3 in flight from 4, as it answers in ",
            skipped.Reason, StringComparison.Ordinal);
        Assert.EndsWith("; its dependents run without its output", skipped.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.AllDispatched(), c => c.StepId == "recommend");
        Assert.Equal("s-1", done.Output!["shipment"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_optional_step_runs_as_usual_while_its_service_is_well()
    {
        await using var harness = await OrchestratorHarness.StartWithPoliciesAsync(Policies, null, Checkout);
        var id = await harness.StartAsync("checkout", new JsonObject { ["orderId"] = "o-2" });

        await harness.CompleteAsync(await harness.DispatchedAsync(id, "charge"), new JsonObject { ["paymentId"] = "p-2" });

        Assert.Equal("recommendations", (await harness.DispatchedAsync(id, "recommend")).Service);
    }

    [Fact]
    public async Task A_step_of_it_fails_over_to_its_alternate_saying_why_as_for_an_open_circuit()
    {
        await using var harness = await OrchestratorHarness.StartWithPoliciesAsync(Policies, null, Checkout);
        Degrade(harness, "payment");
        var id = await harness.StartAsync("checkout", new JsonObject { ["orderId"] = "o-3" });

        var charge = await harness.DispatchedAsync(id, "charge");

        Assert.Equal("payment-backup", charge.Service);
        var rerouted = (await harness.WhenAsync(id, s => s.Routes.ContainsKey("charge"))).PendingEvents.OfType<StepRerouted>().Single();
        Assert.Equal(("payment", "payment-backup"), (rerouted.From, rerouted.To));
        Assert.StartsWith("'payment' is degraded (load: its adaptive limit on this orchestrator is down to 3 in flight from 4", rerouted.Reason, StringComparison.Ordinal);
    }

    // Results that show the service answering four times slower than it did: its limit is cut.
    private static void Degrade(OrchestratorHarness harness, string service)
    {
        var load = new LoadAdaptation { InitialLimit = 4, Tolerance = 2 };
        var now = harness.Clock.GetUtcNow();
        for (var i = 0; i < 6; i++)
        {
            harness.Adaptations.Limits.Release(service, $"fast-{i}", TimeSpan.FromMilliseconds(10), now, load);
        }

        for (var i = 0; i < 6; i++)
        {
            harness.Adaptations.Limits.Release(service, $"slow-{i}", TimeSpan.FromMilliseconds(80), now.AddSeconds(1), load);
        }

        // Lowered, but with room: not degraded until its three slots are taken.
        Assert.Null(harness.Adaptations.Limits.DegradedBecause(service));
        for (var i = 0; i < 3; i++)
        {
            var admission = harness.Adaptations.Limits.Admit(service, new LimitWaiter(Guid.NewGuid(), "elsewhere", 1, $"busy-{i}"), $"busy-{i}", now.AddSeconds(1), load);
            Assert.True(admission.Admitted);
        }

        Assert.EndsWith("; it is full: 3 in flight, 0 waiting", harness.Adaptations.Limits.DegradedBecause(service));
    }
}
