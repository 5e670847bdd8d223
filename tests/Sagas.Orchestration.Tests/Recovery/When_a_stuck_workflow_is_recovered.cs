using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Orchestration.Journal;

namespace Sagas.Orchestration.Tests.Recovery;

/// <summary>
/// The sweeper's request on the saga: a workflow whose timer is gone (a row deleted by hand, a
/// firing parked in an error queue) or that has nothing outstanding is moved again, and says why.
/// </summary>
public sealed class When_a_stuck_workflow_is_recovered : IAsyncLifetime
{
    private static readonly OrchestrationOptions Options = new() { Retry = RetryPolicy.Default with { Jitter = false } };
    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartAsync(options: Options);

    [Fact]
    public async Task A_retry_whose_timer_is_gone_is_fired_now_and_the_recovery_is_recorded()
    {
        var id = await StartAsync("stuck-1");
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), "busy", retryable: true);
        var waiting = await _harness.WhenAsync(id, s => s.RetryDue.ContainsKey("reserve-inventory"));
        await LoseTimersAsync();

        await _harness.Bus.Bus.Publish(Recover(id, waiting.Revision));

        await _harness.DispatchedAsync(id, "reserve-inventory", attempt: 2);
        var state = await _harness.WhenAsync(id, s => s.InFlight.Contains("reserve-inventory"));
        var recovered = Assert.Single(state.PendingEvents.OfType<WorkflowRecovered>());
        Assert.Equal("the sweeper found it still", recovered.Reason);
        Assert.Equal(["retry 'reserve-inventory' #2 now: its timer is gone"], recovered.Actions);
    }

    [Fact]
    public async Task An_attempt_whose_timeout_timer_is_gone_times_out_now_and_is_retried()
    {
        var id = await StartAsync("stuck-2");
        await _harness.DispatchedAsync(id, "reserve-inventory");
        var running = await _harness.WhenAsync(id, s => s.StepTimers.ContainsKey("reserve-inventory"));
        await LoseTimersAsync();

        await _harness.Bus.Bus.Publish(Recover(id, running.Revision));

        var state = await _harness.WhenAsync(id, s => s.RetryDue.ContainsKey("reserve-inventory"));
        Assert.Equal(["time out 'reserve-inventory' #1 now: its timeout's timer is gone"], state.PendingEvents.OfType<WorkflowRecovered>().Single().Actions);
        Assert.Single(state.PendingEvents.OfType<StepTimedOut>(), t => t.StepId == "reserve-inventory" && t.Attempt == 1);
        // The retry has a timer again, so the workflow is no longer stuck.
        Assert.Single(_harness.Timers.Pending, t => t.Message is RetryStep { StepId: "reserve-inventory", Attempt: 2 });
    }

    [Fact]
    public async Task A_workflow_with_nothing_outstanding_plans_its_next_steps_again()
    {
        var id = await StartAsync("stuck-3");
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), new JsonObject { ["reservationId"] = "r-3" });
        var state = await _harness.WhenAsync(id, s => s.InFlight.Contains("charge-payment"));
        var lost = _harness.AllDispatched().Where(c => c.WorkflowId == id && c.StepId != "reserve-inventory").Select(c => c.StepId).ToList();
        // As if the dispatches were recorded nowhere: nothing in flight, nothing waiting.
        state.InFlight.Clear();
        state.StepTimers.Clear();
        await LoseTimersAsync();

        await _harness.Bus.Bus.Publish(Recover(id, state.Revision));

        foreach (var step in lost)
        {
            await _harness.DispatchedAsync(id, step, attempt: 2);
        }

        var recovered = await _harness.WhenAsync(id, s => s.PendingEvents.OfType<WorkflowRecovered>().Any());
        Assert.Equal(["plan the next steps again: nothing was outstanding"], recovered.PendingEvents.OfType<WorkflowRecovered>().Single().Actions);
    }

    [Fact]
    public async Task A_workflow_that_moved_since_the_sweeper_looked_is_left_alone()
    {
        var id = await StartAsync("stuck-4");
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "reserve-inventory"), "busy", retryable: true);
        var waiting = await _harness.WhenAsync(id, s => s.RetryDue.ContainsKey("reserve-inventory"));

        await _harness.Bus.Bus.Publish(Recover(id, waiting.Revision - 1));
        await _harness.ConsumedAsync<RecoverWorkflow>(m => m.WorkflowId == id);

        Assert.Empty(waiting.PendingEvents.OfType<WorkflowRecovered>());
        Assert.Equal(0, _harness.SentSoFar<ExecuteStep>(c => c.WorkflowId == id && c.Attempt == 2));
        Assert.Single(_harness.Timers.Pending, t => t.Message is RetryStep);
    }

    private static RecoverWorkflow Recover(Guid id, int revision) =>
        new() { WorkflowId = id, Revision = revision, Reason = "the sweeper found it still", RequestedAt = DateTimeOffset.UtcNow };

    // As an operator deleting rows by hand would: the workflow's timers never fire.
    private async Task LoseTimersAsync()
    {
        foreach (var timer in _harness.Timers.Pending)
        {
            await _harness.Timers.CancelScheduledSend(timer.TokenId, CancellationToken.None);
        }
    }

    private Task<Guid> StartAsync(string orderId) =>
        _harness.StartAsync("order-fulfilment", new JsonObject { ["orderId"] = orderId, ["amount"] = 5 });

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
