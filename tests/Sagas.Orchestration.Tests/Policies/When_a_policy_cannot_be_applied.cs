using System.Text.Json.Nodes;
using Sagas.Orchestration.Journal;

namespace Sagas.Orchestration.Tests.Policies;

public sealed class When_a_policy_cannot_be_applied : IAsyncLifetime
{
    // The step fails over to a service nobody declared (a typo): failover for it reverts to none.
    private const string Typo = """
        id: typo-failover
        version: 1
        steps:
          - id: charge
            service: payment
            alternates: [payment-bakup]
        """;

    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartWithPoliciesAsync("""
        orchestration:
          policies:
            - name: retry
              max_attempts: 1
        """, null, Typo);

    [Fact]
    public async Task The_violation_and_the_default_put_in_its_place_are_recorded_once_and_the_run_goes_on_under_it()
    {
        var id = await _harness.StartAsync("typo-failover", new JsonObject());
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "charge"), "payment down", retryable: true);

        var failed = await _harness.InStateAsync(id, m => m.Failed);

        var violated = Assert.Single(failed.PendingEvents.OfType<PolicyViolated>());
        Assert.Equal(("step charge", "failover"), (violated.Scope, violated.Policy));
        Assert.Equal("step 'charge' of 'typo-failover' fails over to 'payment-bakup', which no definition or policy names as a service", violated.Reason);
        Assert.Equal("no failover for this step", Assert.Single(failed.PendingEvents.OfType<PolicyReverted>()).RevertedTo);
        Assert.Empty(failed.PendingEvents.OfType<StepRerouted>());
    }

    [Fact]
    public async Task The_orchestrator_keeps_running_other_workflows()
    {
        var broken = await _harness.StartAsync("typo-failover", new JsonObject());
        await _harness.FailAsync(await _harness.DispatchedAsync(broken, "charge"), "payment down", retryable: true);
        await _harness.InStateAsync(broken, m => m.Failed);

        var next = await _harness.StartAsync("typo-failover", new JsonObject());
        await _harness.CompleteAsync(await _harness.DispatchedAsync(next, "charge"));

        await _harness.InStateAsync(next, m => m.Completed);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
