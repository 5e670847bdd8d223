using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Workflows;

/// <summary>
/// <c>wait_for:</c> on the engine: the step sends nothing and waits; a signal completes it with its
/// data as the output; a signal that comes first is kept for it; a timeout is a failed attempt;
/// a signal nothing waits for is recorded as ignored; each signal counts once.
/// </summary>
public sealed class When_a_step_waits_for_a_signal : IAsyncLifetime
{
    private const string Approval = """
        id: approved-order
        version: 1
        input:
          amount: number
        steps:
          - id: screen
            service: fraud
            compensate: { service: fraud }
          - id: review
            depends_on: [screen]
            input: { amount: $.input.amount }
            wait_for: { signal: approve, timeout: 1h }
          - id: ship
            service: shipping
            depends_on: [review]
            input: { approvedBy: $.steps.review.output.by }
        """;

    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartAsync(extraDefinitions: Approval);

    [Fact]
    public async Task The_signal_completes_the_waiting_step_with_its_data_and_the_run_goes_on()
    {
        var id = await _harness.StartAsync("approved-order", new JsonObject { ["amount"] = 900 });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "screen"));
        var waiting = await _harness.WhenAsync(id, s => s.InFlight.Contains("review"));
        var wait = waiting.PendingEvents.OfType<StepDispatched>().Single(d => d.StepId == "review");
        Assert.Equal(("approve", "signal:approve", TimeSpan.FromHours(1)), (wait.Signal, wait.Service, wait.Timeout));

        await _harness.SignalAsync(id, "approve", new JsonObject { ["by"] = "dana" });
        var ship = await _harness.DispatchedAsync(id, "ship");

        Assert.Equal("""{"approvedBy":"dana"}""", ship.Input.ToJsonString());
        Assert.DoesNotContain(_harness.AllDispatched(), c => c.StepId == "review");
        await _harness.CompleteAsync(ship);
        var done = await _harness.InStateAsync(id, m => m.Completed);
        var received = Assert.Single(done.PendingEvents.OfType<SignalReceived>());
        Assert.Equal(("review", 1, false), (received.StepId, received.Attempt, received.WasKept));
        Assert.Empty(WorkflowReplay.Differences(done, done.PendingEvents));
    }

    [Fact]
    public async Task A_signal_that_comes_before_its_step_waits_is_kept_and_given_when_it_does()
    {
        var id = await _harness.StartAsync("approved-order", new JsonObject { ["amount"] = 900 });
        var screen = await _harness.DispatchedAsync(id, "screen");
        await _harness.SignalAsync(id, "approve", new JsonObject { ["by"] = "early" });
        var kept = await _harness.WhenAsync(id, s => s.KeptSignals.ContainsKey("approve"));
        Assert.Equal("review", kept.PendingEvents.OfType<SignalKept>().Single().ForStep);

        await _harness.CompleteAsync(screen);
        var ship = await _harness.DispatchedAsync(id, "ship");

        Assert.Equal("""{"approvedBy":"early"}""", ship.Input.ToJsonString());
        var state = await _harness.WhenAsync(id, s => s.InFlight.Contains("ship"));
        Assert.True(state.PendingEvents.OfType<SignalReceived>().Single().WasKept);
        Assert.Empty(state.KeptSignals);
        Assert.Empty(WorkflowReplay.Differences(state, state.PendingEvents));
    }

    [Fact]
    public async Task No_signal_within_the_timeout_fails_the_step_and_a_late_one_is_recorded_as_ignored()
    {
        var id = await _harness.StartAsync("approved-order", new JsonObject { ["amount"] = 900 });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "screen"));
        await _harness.WhenAsync(id, s => s.InFlight.Contains("review"));

        Assert.Equal(1, await _harness.AdvanceAsync(TimeSpan.FromHours(1)));
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(id, "screen"));
        var compensated = await _harness.InStateAsync(id, m => m.Compensated);
        Assert.Equal("review", compensated.FailedStep);
        Assert.StartsWith("step 'review' failed: no signal 'approve' within 1 h", compensated.FailureReason);

        await _harness.SignalAsync(id, "approve", new JsonObject { ["by"] = "late" });
        var state = await _harness.WhenAsync(id, s => s.SignalIds.Count == 1);
        Assert.Equal("the workflow is Compensated; no step of it waits any more", state.PendingEvents.OfType<SignalIgnored>().Single().Reason);
    }

    [Fact]
    public async Task A_cancel_stops_the_wait_at_once_so_the_undo_does_not_wait_for_its_timeout()
    {
        var id = await _harness.StartAsync("approved-order", new JsonObject { ["amount"] = 900 });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "screen"));
        await _harness.WhenAsync(id, s => s.InFlight.Contains("review"));

        await _harness.CancelAsync(id);
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(id, "screen"));
        var cancelled = await _harness.InStateAsync(id, m => m.Cancelled);

        var stopped = cancelled.PendingEvents.OfType<Sagas.Contracts.Events.StepFailed>().Single(f => f.StepId == "review");
        Assert.StartsWith("stopped waiting: cancelled", stopped.Reason);
        Assert.Empty(cancelled.InFlight);
        await _harness.SignalAsync(id, "approve");
        var ignored = await _harness.WhenAsync(id, s => s.SignalIds.Count == 1);
        Assert.Single(ignored.PendingEvents.OfType<SignalIgnored>());
    }

    [Fact]
    public async Task A_failed_run_keeps_a_signal_for_when_an_operator_retries_it()
    {
        var id = await _harness.StartAsync("approved-order", new JsonObject { ["amount"] = 900 });
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "screen"), "fraud service misconfigured", retryable: false);
        await _harness.InStateAsync(id, m => m.Failed);

        await _harness.SignalAsync(id, "approve", new JsonObject { ["by"] = "dana" });
        await _harness.WhenAsync(id, s => s.KeptSignals.ContainsKey("approve"));
        await _harness.RetryAsync(id);
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "screen", attempt: 2));

        var ship = await _harness.DispatchedAsync(id, "ship");
        Assert.Equal("""{"approvedBy":"dana"}""", ship.Input.ToJsonString());
    }

    [Fact]
    public async Task A_signal_no_step_waits_for_is_ignored_and_one_sent_twice_counts_once()
    {
        var id = await _harness.StartAsync("approved-order", new JsonObject { ["amount"] = 900 });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "screen"));
        await _harness.WhenAsync(id, s => s.InFlight.Contains("review"));

        await _harness.SignalAsync(id, "reject", new JsonObject { ["why"] = "nope" });
        await _harness.SignalAsync(id, "approve", new JsonObject { ["by"] = "dana" }, signalId: "s-1");
        await _harness.SignalAsync(id, "approve", new JsonObject { ["by"] = "dana" }, signalId: "s-1");
        await _harness.ConsumedAsync<SignalWorkflow>(m => m.WorkflowId == id, times: 3);
        var state = await _harness.WhenAsync(id, s => s.InFlight.Contains("ship"));

        var ignored = state.PendingEvents.OfType<SignalIgnored>().Single();
        Assert.Equal("reject", ignored.Signal);
        Assert.StartsWith("no step of approved-order v1 (", ignored.Reason);
        Assert.EndsWith(") waits for a signal 'reject'", ignored.Reason);
        Assert.Single(state.PendingEvents.OfType<SignalReceived>());
        Assert.Equal(1, _harness.SentSoFar<Sagas.Contracts.Commands.ExecuteStep>(c => c.WorkflowId == id && c.StepId == "ship"));
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
