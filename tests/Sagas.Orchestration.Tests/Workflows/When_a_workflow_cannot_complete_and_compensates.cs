using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Recovery;

namespace Sagas.Orchestration.Tests.Workflows;

public sealed class When_a_workflow_cannot_complete_and_compensates : IAsyncLifetime
{
    // Two independent branches (left, right) after an opening step; each of the three can be undone.
    private const string Branches = """
        id: branches
        version: 1
        steps:
          - id: open
            service: accounts
            compensate: { service: accounts, input: { id: $.steps.open.output.id } }
          - id: left
            service: inventory
            depends_on: [open]
            compensate: { service: inventory }
          - id: right
            service: payment
            depends_on: [open]
            compensate: { service: payment }
          - id: close
            service: shipping
            depends_on: [left, right]
        """;

    private static readonly OrchestrationOptions Options = new() { Retry = RetryPolicy.Default with { Jitter = false } };
    private OrchestratorHarness _harness = null!;

    private const string Plain = """
        id: plain
        version: 1
        steps:
          - id: only
            service: noop
        """;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartAsync(options: Options, extraDefinitions: [Branches, Plain]);

    [Fact]
    public async Task Completed_steps_are_undone_in_reverse_order_with_independent_branches_together()
    {
        var id = await _harness.StartAsync("branches", []);
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "open"), new JsonObject { ["id"] = "acc-1" });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "left"));
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "right"));
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "close"), "no courier", retryable: false);

        // Both branches at once; the opening step waits for them.
        var left = await _harness.CompensationDispatchedAsync(id, "left");
        var right = await _harness.CompensationDispatchedAsync(id, "right");
        var compensating = await _harness.InStateAsync(id, m => m.Compensating);
        Assert.Equal(["left", "right"], compensating.CompensationInFlight.Order());
        Assert.Equal(0, _harness.SentSoFar<CompensateStep>(c => c.WorkflowId == id && c.StepId == "open"));

        await _harness.CompensatedAsync(left);
        await _harness.CompensatedAsync(right);
        var open = await _harness.CompensationDispatchedAsync(id, "open");
        Assert.Equal("acc-1", open.Input["id"]!.GetValue<string>());
        await _harness.CompensatedAsync(open);

        var state = await _harness.InStateAsync(id, m => m.Compensated);
        Assert.Equal("step 'close' failed (not retryable): no courier", state.FailureReason);
        var started = state.PendingEvents.OfType<CompensationStarted>().Single();
        Assert.Equal(["open", "left", "right"], started.Steps);
        // The state can be seen before its outbox has published: wait for the event itself.
        await _harness.PublishedAsync<WorkflowCompensated>(m => m.WorkflowId == id);
        var ended = (await _harness.Bus.Published.SelectAsync<WorkflowCompensated>(m => m.Context.Message.WorkflowId == id).SingleAsync()).Context.Message;
        Assert.Equal(["left", "open", "right"], ended.CompensatedSteps);
        Assert.Equal("close", ended.FailedStep);
    }

    [Fact]
    public async Task A_step_still_running_is_awaited_before_what_it_depends_on_is_undone()
    {
        var id = await _harness.StartAsync("branches", []);
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "open"), new JsonObject { ["id"] = "acc-2" });
        var left = await _harness.DispatchedAsync(id, "left");
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "right"), "card declined");
        await _harness.InStateAsync(id, m => m.Compensating);
        Assert.Equal(0, _harness.SentSoFar<CompensateStep>(c => c.WorkflowId == id));

        // The running branch completes after all: it is undone first, then the opening step.
        await _harness.CompleteAsync(left);
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(id, "left"));
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(id, "open"));

        var state = await _harness.InStateAsync(id, m => m.Compensated);
        Assert.Equal(["left", "open"], state.Compensated.Order());
        Assert.Equal(0, _harness.SentSoFar<ExecuteStep>(c => c.WorkflowId == id && c.StepId == "close"));
    }

    [Fact]
    public async Task With_nothing_to_undo_the_workflow_just_fails()
    {
        var id = await _harness.StartAsync("branches", []);
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "open"), "account service down");

        var state = await _harness.InStateAsync(id, m => m.Failed);

        Assert.Empty(state.PendingEvents.OfType<CompensationStarted>());
    }

    [Fact]
    public async Task A_compensation_that_keeps_failing_needs_attention_and_an_operator_retry_finishes_it()
    {
        var id = await _harness.StartAsync("branches", []);
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "open"), new JsonObject { ["id"] = "acc-3" });
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "left"), "no stock");
        var right = await _harness.DispatchedAsync(id, "right");
        await _harness.FailAsync(right, "card declined");
        var first = await _harness.CompensationDispatchedAsync(id, "open");

        await _harness.CompensationFailedAsync(first, "ledger locked", retryable: true);
        await _harness.ConsumedAsync<StepCompensationFailed>(m => m.WorkflowId == id && m.Attempt == 1);
        await _harness.AdvanceAsync(TimeSpan.FromMilliseconds(200));
        await _harness.CompensationFailedAsync(await _harness.CompensationDispatchedAsync(id, "open", attempt: 2), "ledger locked", retryable: true);
        await _harness.ConsumedAsync<StepCompensationFailed>(m => m.WorkflowId == id && m.Attempt == 2);
        await _harness.AdvanceAsync(TimeSpan.FromMilliseconds(400));
        await _harness.CompensationFailedAsync(await _harness.CompensationDispatchedAsync(id, "open", attempt: 3), "ledger closed", retryable: true);

        var stuck = await _harness.InStateAsync(id, m => m.NeedsAttention);
        Assert.Equal(("open", "the compensation of step 'open' failed (attempt 3 of 3): ledger closed"), (stuck.AttentionStep, stuck.AttentionReason));

        await _harness.RetryAsync(id);
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(id, "open", attempt: 4));

        var state = await _harness.InStateAsync(id, m => m.Compensated);
        Assert.Single(state.PendingEvents.OfType<StepRetryRequested>(), r => r.Compensation && r.StepId == "open");
    }

    [Fact]
    public async Task A_cancelled_workflow_dispatches_nothing_more_undoes_what_completed_and_ends_cancelled()
    {
        var id = await _harness.StartAsync("branches", []);
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "open"), new JsonObject { ["id"] = "acc-4" });
        var left = await _harness.DispatchedAsync(id, "left");
        var right = await _harness.DispatchedAsync(id, "right");

        await _harness.CancelAsync(id, "customer called");
        await _harness.InStateAsync(id, m => m.Compensating);
        await _harness.CompleteAsync(left);
        await _harness.CompleteAsync(right);
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(id, "left"));
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(id, "right"));
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(id, "open"));

        var state = await _harness.InStateAsync(id, m => m.Cancelled);
        Assert.Equal("cancelled: customer called", state.FailureReason);
        Assert.Equal(0, _harness.SentSoFar<ExecuteStep>(c => c.WorkflowId == id && c.StepId == "close"));
        // The state can be seen before its outbox has published: wait for the event itself.
        await _harness.PublishedAsync<WorkflowCancelled>(m => m.WorkflowId == id);
        var cancelled = (await _harness.Bus.Published.SelectAsync<WorkflowCancelled>(m => m.Context.Message.WorkflowId == id).SingleAsync()).Context.Message;
        Assert.Equal(["left", "open", "right"], cancelled.CompensatedSteps);
    }

    [Fact]
    public async Task A_cancel_while_the_first_step_runs_awaits_it_and_undoes_it()
    {
        var id = await _harness.StartAsync("branches", []);
        var open = await _harness.DispatchedAsync(id, "open");

        await _harness.CancelAsync(id);
        await _harness.InStateAsync(id, m => m.Compensating);
        await _harness.CompleteAsync(open, new JsonObject { ["id"] = "acc-5" });
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(id, "open"));

        await _harness.InStateAsync(id, m => m.Cancelled);
        Assert.Equal(0, _harness.SentSoFar<ExecuteStep>(c => c.WorkflowId == id && c.StepId != "open"));
    }

    [Fact]
    public async Task A_cancel_with_nothing_to_undo_ends_it_at_once()
    {
        var id = await _harness.StartAsync("plain", []);
        await _harness.DispatchedAsync(id, "only");

        await _harness.CancelAsync(id);

        var state = await _harness.InStateAsync(id, m => m.Cancelled);
        Assert.Equal("cancelled: customer called", state.FailureReason);
    }

    [Fact]
    public async Task A_compensation_that_gets_no_answer_in_time_is_tried_again()
    {
        var id = await _harness.StartAsync("branches", []);
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "open"), new JsonObject { ["id"] = "acc-6" });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "left"));
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "right"), "card declined");
        await _harness.CompensationDispatchedAsync(id, "left");
        await _harness.WhenAsync(id, s => s.StepTimers.ContainsKey("compensate:left"));

        // The default step timeout (5 min) applies to the undo too; then the back-off (200 ms).
        await _harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        await _harness.ConsumedAsync<StepTimeoutElapsed>(m => m.WorkflowId == id && m.Compensation);
        await _harness.AdvanceAsync(TimeSpan.FromMilliseconds(200));
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(id, "left", attempt: 2));
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(id, "open"));

        var state = await _harness.InStateAsync(id, m => m.Compensated);
        Assert.Equal("no result within 5 min", state.PendingEvents.OfType<StepCompensationFailed>().Single().Reason);
    }

    [Fact]
    public async Task Other_compensations_carry_on_while_one_needs_attention_and_the_operator_retry_finishes_all()
    {
        var id = await _harness.StartAsync("branches", []);
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "open"), new JsonObject { ["id"] = "acc-7" });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "left"));
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "right"));
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "close"), "no courier");
        var left = await _harness.CompensationDispatchedAsync(id, "left");
        var right = await _harness.CompensationDispatchedAsync(id, "right");

        await _harness.CompensationFailedAsync(left, "stock system gone", retryable: false);
        await _harness.CompensationFailedAsync(right, "ledger busy", retryable: true);
        await _harness.ConsumedAsync<StepCompensationFailed>(m => m.WorkflowId == id && m.StepId == "right");
        await _harness.InStateAsync(id, m => m.NeedsAttention);
        await _harness.AdvanceAsync(TimeSpan.FromMilliseconds(200));
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(id, "right", attempt: 2));
        await _harness.ConsumedAsync<StepCompensated>(m => m.WorkflowId == id && m.StepId == "right");

        await _harness.RetryAsync(id);
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(id, "left", attempt: 2));
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(id, "open"));

        var state = await _harness.InStateAsync(id, m => m.Compensated);
        Assert.Equal(["left", "open", "right"], state.Compensated.Order());
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
