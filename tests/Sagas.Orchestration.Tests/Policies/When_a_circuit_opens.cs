using System.Text.Json.Nodes;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Policies;

public sealed class When_a_circuit_opens : IAsyncLifetime
{
    // One step, one attempt: each failure counts once, and the circuit alone decides where steps go.
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
    public async Task Failures_over_the_ratio_open_it_and_later_steps_go_to_the_alternate_then_a_probe_closes_it()
    {
        await StartAsync("failover");

        var first = await FailOnceAsync();
        Assert.Empty((await _harness.WhenAsync(first, s => s.Status == WorkflowStatus.Failed)).PendingEvents.OfType<CircuitOpened>());
        var second = await FailOnceAsync();
        var opened = Assert.Single((await _harness.WhenAsync(second, s => s.Status == WorkflowStatus.Failed)).PendingEvents.OfType<CircuitOpened>());
        Assert.Equal(("payment", 2, 2), (opened.Service, opened.Failures, opened.Calls));
        Assert.Equal(_harness.Clock.GetUtcNow() + TimeSpan.FromSeconds(5), opened.OpenUntil);

        // Open: the next step goes straight to the alternate, its history saying why.
        var third = await StartOneAsync();
        var rerouted = await _harness.DispatchedAsync(third, "charge");
        Assert.Equal("payment-backup", _harness.QueueOf(rerouted));
        var reason = Assert.Single((await _harness.WhenAsync(third, s => s.InFlight.Contains("charge"))).PendingEvents.OfType<StepRerouted>()).Reason;
        Assert.StartsWith("the circuit of 'payment' is open until", reason);
        Assert.Contains("2 of the last 2 results within 30 s failed", reason);

        // Half-open after the break: one step is the probe; its success closes the circuit.
        _harness.Clock.Advance(TimeSpan.FromSeconds(5));
        var fourth = await StartOneAsync();
        var probe = await _harness.DispatchedAsync(fourth, "charge");
        Assert.Equal("payment", _harness.QueueOf(probe));
        var dispatched = Assert.Single((await _harness.WhenAsync(fourth, s => s.InFlight.Contains("charge"))).PendingEvents.OfType<StepDispatched>());
        Assert.True(dispatched.Probe);
        var fifth = await StartOneAsync();
        Assert.Equal("payment-backup", _harness.QueueOf(await _harness.DispatchedAsync(fifth, "charge")));

        await _harness.CompleteAsync(probe);
        var closed = Assert.Single((await _harness.WhenAsync(fourth, s => s.Status == WorkflowStatus.Completed)).PendingEvents.OfType<CircuitClosed>());
        Assert.Equal("the probe succeeded", closed.Reason);
        var sixth = await StartOneAsync();
        Assert.Equal("payment", _harness.QueueOf(await _harness.DispatchedAsync(sixth, "charge")));
    }

    [Fact]
    public async Task A_failed_probe_opens_it_again()
    {
        await StartAsync("failover");
        await FailOnceAsync();
        await FailOnceAsync();
        _harness.Clock.Advance(TimeSpan.FromSeconds(5));

        var probing = await StartOneAsync();
        await _harness.FailAsync(await _harness.DispatchedAsync(probing, "charge"), "still down", retryable: true);

        var reopened = Assert.Single((await _harness.WhenAsync(probing, s => s.PendingEvents.OfType<CircuitOpened>().Any())).PendingEvents.OfType<CircuitOpened>());
        Assert.Equal("the probe failed", reopened.Reason);
        Assert.Equal("payment-backup", _harness.QueueOf(await _harness.DispatchedAsync(await StartOneAsync(), "charge")));
    }

    [Fact]
    public async Task With_the_wait_policy_a_step_waits_for_the_break_to_end_and_goes_as_the_probe()
    {
        await StartAsync("wait");
        await FailOnceAsync();
        await FailOnceAsync();

        var waiting = await StartOneAsync();
        var state = await _harness.WhenAsync(waiting, s => s.RetryDue.ContainsKey("charge"));
        var queued = Assert.Single(state.PendingEvents.OfType<StepQueued>());
        Assert.Equal(_harness.Clock.GetUtcNow() + TimeSpan.FromSeconds(5), queued.Until);
        Assert.False(queued.Admission);

        Assert.Equal(1, await _harness.AdvanceAsync(TimeSpan.FromSeconds(5)));
        var probe = await _harness.DispatchedAsync(waiting, "charge");
        Assert.Equal("payment", _harness.QueueOf(probe));
    }

    [Fact]
    public async Task With_the_fail_fast_policy_a_step_fails_at_once()
    {
        await StartAsync("fail_fast");
        await FailOnceAsync();
        await FailOnceAsync();

        var id = await StartOneAsync();
        var state = await _harness.InStateAsync(id, m => m.Failed);

        Assert.StartsWith("step 'charge' was not sent: the circuit of 'payment' is open until", state.FailureReason);
        Assert.DoesNotContain(_harness.AllDispatched(), c => c.WorkflowId == id);
    }

    [Fact]
    public async Task Under_limits_the_probe_is_taken_only_when_the_admitted_step_leaves()
    {
        _harness = await OrchestratorHarness.StartWithPoliciesAsync("""
            orchestration:
              policies:
                - name: retry
                  max_attempts: 1
              services:
                payment:
                  policies:
                    - name: circuit_breaker
                      failure_ratio: 0.5
                      break_for: 5s
                      minimum_calls: 2
                      when_open: wait
                    - name: limits
                      max_in_flight: 1
            """, null, OneStep);
        for (var i = 0; i < 2; i++)
        {
            var failing = await StartOneAsync();
            await _harness.WhenAsync(failing, s => s.AwaitingAdmission.ContainsKey("charge"));
            await _harness.AdmitAsync(failing, "charge");
            await _harness.FailAsync(await _harness.DispatchedAsync(failing, "charge"), "payment down", retryable: true);
            await _harness.WhenAsync(failing, s => s.Status == WorkflowStatus.Failed);
        }

        // Half-open: a step queues for its slot without taking the probe, and takes it on leaving.
        _harness.Clock.Advance(TimeSpan.FromSeconds(5));
        var probing = await StartOneAsync();
        await _harness.WhenAsync(probing, s => s.AwaitingAdmission.ContainsKey("charge"));
        await _harness.AdmitAsync(probing, "charge");
        var probe = await _harness.DispatchedAsync(probing, "charge");

        var dispatched = Assert.Single((await _harness.WhenAsync(probing, s => s.InFlight.Contains("charge"))).PendingEvents.OfType<StepDispatched>());
        Assert.True(dispatched.Probe);
        Assert.True(dispatched.Admitted);
        await _harness.CompleteAsync(probe);
        Assert.Single((await _harness.WhenAsync(probing, s => s.Status == WorkflowStatus.Completed)).PendingEvents.OfType<CircuitClosed>());
    }

    private async Task StartAsync(string whenOpen) =>
        _harness = await OrchestratorHarness.StartWithPoliciesAsync($"""
            orchestration:
              policies:
                - name: retry
                  max_attempts: 1
                - name: circuit_breaker
                  failure_ratio: 0.5
                  window: 30s
                  break_for: 5s
                  minimum_calls: 2
                  when_open: {whenOpen}
              services:
                payment:
                  alternates: [payment-backup]
                payment-backup:
                  policies:
                    - name: circuit_breaker
                      enabled: false
            """, null, OneStep);

    private Task<Guid> StartOneAsync() => _harness.StartAsync("one-payment", new JsonObject());

    // A run whose only step fails on payment; with failover it moves on to the backup, which fails too.
    private async Task<Guid> FailOnceAsync()
    {
        var id = await StartOneAsync();
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "charge"), "payment down", retryable: true);
        await _harness.ConsumedAsync<StepFailed>(m => m.WorkflowId == id && m.Attempt == 1);
        if (_harness.AllDispatched().Any(c => c.WorkflowId == id && c.Attempt == 2))
        {
            await _harness.FailAsync(await _harness.DispatchedAsync(id, "charge", attempt: 2), "backup down", retryable: false);
        }

        return id;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
