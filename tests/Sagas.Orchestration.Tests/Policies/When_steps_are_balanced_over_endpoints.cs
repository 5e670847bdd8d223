using System.Text.Json.Nodes;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Policies;

public sealed class When_steps_are_balanced_over_endpoints : IAsyncLifetime
{
    private const string OneStep = """
        id: one-payment
        version: 1
        steps:
          - id: charge
            service: payment
        """;

    private OrchestratorHarness _harness = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Round_robin_takes_the_endpoints_in_turn()
    {
        await StartAsync("round_robin");

        var queues = await DispatchAsync(6);

        Assert.Equal(["payment-eu", "payment-us", "payment-ap", "payment-eu", "payment-us", "payment-ap"], queues);
    }

    [Fact]
    public async Task Weighted_gives_each_endpoint_its_share_interleaved()
    {
        await StartAsync("weighted");

        var queues = await DispatchAsync(12);

        Assert.Equal(6, queues.Count(q => q == "payment-eu"));
        Assert.Equal(4, queues.Count(q => q == "payment-us"));
        Assert.Equal(2, queues.Count(q => q == "payment-ap"));
        // Smooth: the heaviest endpoint never gets more than two in a row.
        Assert.DoesNotContain(Enumerable.Range(0, 10), i => queues[i] == queues[i + 1] && queues[i + 1] == queues[i + 2]);
    }

    [Fact]
    public async Task Least_outstanding_sends_to_the_endpoint_with_fewest_steps_out()
    {
        await StartAsync("least_outstanding");
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await _harness.StartAsync("one-payment", new JsonObject()));
        }

        var first = new List<string>();
        foreach (var id in ids)
        {
            first.Add(_harness.QueueOf(await _harness.DispatchedAsync(id, "charge")));
        }

        Assert.Equal(3, first.Distinct().Count());

        // Two answer; the third endpoint still has its step out, so the next two go to the free ones.
        var stillOut = first[2];
        await _harness.CompleteAsync(await _harness.DispatchedAsync(ids[0], "charge"));
        await _harness.CompleteAsync(await _harness.DispatchedAsync(ids[1], "charge"));
        await _harness.WhenAsync(ids[1], s => s.Status == WorkflowStatus.Completed);
        await _harness.WhenAsync(ids[0], s => s.Status == WorkflowStatus.Completed);
        var next = await DispatchAsync(2);

        Assert.DoesNotContain(stillOut, next);
        var chosen = Assert.Single((await _harness.WhenAsync(ids[2], s => s.InFlight.Contains("charge"))).PendingEvents.OfType<StepDispatched>());
        Assert.StartsWith("least_outstanding:", chosen.Balancing);
    }

    [Fact]
    public async Task The_chosen_endpoint_and_why_are_recorded_on_the_dispatch()
    {
        await StartAsync("weighted");
        var id = await _harness.StartAsync("one-payment", new JsonObject());
        await _harness.DispatchedAsync(id, "charge");

        var dispatched = Assert.Single((await _harness.WhenAsync(id, s => s.InFlight.Contains("charge"))).PendingEvents.OfType<StepDispatched>());

        Assert.Equal(("payment", "payment-eu"), (dispatched.Service, dispatched.Endpoint));
        Assert.Equal("weighted: payment-eu (weight 3 of 6)", dispatched.Balancing);
    }

    [Fact]
    public async Task Endpoints_with_no_balancing_policy_take_turns()
    {
        _harness = await OrchestratorHarness.StartWithPoliciesAsync("""
            orchestration:
              services:
                payment:
                  endpoints: [payment-eu, payment-us]
            """, null, OneStep);

        Assert.Equal(["payment-eu", "payment-us", "payment-eu"], await DispatchAsync(3));
    }

    [Fact]
    public async Task With_balancing_disabled_the_first_endpoint_takes_every_step()
    {
        _harness = await OrchestratorHarness.StartWithPoliciesAsync("""
            orchestration:
              services:
                payment:
                  endpoints: [payment-eu, payment-us]
                  policies:
                    - name: load_balancing
                      enabled: false
            """, null, OneStep);

        Assert.Equal(["payment-eu", "payment-eu", "payment-eu"], await DispatchAsync(3));
    }

    private async Task StartAsync(string algorithm) =>
        _harness = await OrchestratorHarness.StartWithPoliciesAsync($"""
            orchestration:
              policies:
                - name: load_balancing
                  algorithm: {algorithm}
                  enabled: true
              services:
                payment:
                  endpoints:
                    - name: payment-eu
                      weight: 3
                    - name: payment-us
                      weight: 2
                    - name: payment-ap
                      weight: 1
            """, null, OneStep);

    // Starts runs one at a time, so the order of dispatch is the order of start.
    private async Task<List<string>> DispatchAsync(int count)
    {
        var queues = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = await _harness.StartAsync("one-payment", new JsonObject());
            queues.Add(_harness.QueueOf(await _harness.DispatchedAsync(id, "charge")));
        }

        return queues;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
