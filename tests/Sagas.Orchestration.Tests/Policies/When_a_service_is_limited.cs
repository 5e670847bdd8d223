using System.Text.Json.Nodes;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Policies;

public sealed class When_a_service_is_limited : IAsyncLifetime
{
    private const string OneStep = """
        id: one-payment
        version: 1
        steps:
          - id: charge
            service: payment
        """;

    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartWithPoliciesAsync("""
        orchestration:
          services:
            payment:
              policies:
                - name: limits
                  max_in_flight: 2
                  max_per_second: 10
        """, null, OneStep);

    [Fact]
    public async Task A_ready_step_waits_for_admission_with_a_ticket_and_is_dispatched_once_admitted()
    {
        var id = await _harness.StartAsync("one-payment", new JsonObject());

        var waiting = await _harness.WhenAsync(id, s => s.AwaitingAdmission.ContainsKey("charge"));
        var queued = Assert.Single(waiting.PendingEvents.OfType<StepQueued>());
        Assert.True(queued.Admission);
        Assert.Equal("'payment' is limited to 2 in flight and 10 dispatches/s across all nodes; the step waits its turn", queued.Reason);
        Assert.Equal([$"{id}/charge/1"], waiting.Tickets);
        Assert.Equal(WorkflowReplay.Fingerprint(waiting), WorkflowReplay.Fingerprint(WorkflowReplay.Rebuild(waiting.PendingEvents)));
        Assert.DoesNotContain(_harness.AllDispatched(), c => c.WorkflowId == id);

        await _harness.AdmitAsync(id, "charge");
        var command = await _harness.DispatchedAsync(id, "charge");
        var dispatched = Assert.Single((await _harness.WhenAsync(id, s => s.InFlight.Contains("charge"))).PendingEvents.OfType<StepDispatched>());
        Assert.True(dispatched.Admitted);

        await _harness.CompleteAsync(command);
        var done = await _harness.WhenAsync(id, s => s.Status == WorkflowStatus.Completed);
        Assert.Empty(done.Tickets);
    }

    [Fact]
    public async Task A_repeated_admission_dispatches_nothing_more()
    {
        var id = await _harness.StartAsync("one-payment", new JsonObject());
        await _harness.WhenAsync(id, s => s.AwaitingAdmission.ContainsKey("charge"));
        await _harness.AdmitAsync(id, "charge");
        await _harness.DispatchedAsync(id, "charge");

        await _harness.AdmitAsync(id, "charge");
        await _harness.ConsumedAsync<Sagas.Contracts.Commands.AdmitStep>(m => m.WorkflowId == id);

        Assert.Single(_harness.AllDispatched(), c => c.WorkflowId == id);
    }

    [Fact]
    public async Task A_run_that_is_cancelled_while_waiting_gives_its_ticket_back()
    {
        var id = await _harness.StartAsync("one-payment", new JsonObject());
        await _harness.WhenAsync(id, s => s.AwaitingAdmission.ContainsKey("charge"));

        await _harness.CancelAsync(id);

        var cancelled = await _harness.InStateAsync(id, m => m.Cancelled);
        Assert.Empty(cancelled.Tickets);
        Assert.Empty(cancelled.AwaitingAdmission);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
