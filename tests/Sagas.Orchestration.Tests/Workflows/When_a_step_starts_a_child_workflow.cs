using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Workflows;

/// <summary>
/// <c>workflow:</c> on the engine: the step starts a child run with an id derived from the parent,
/// the step and the attempt; the child's end is the step's result (its output, or a failure with
/// its reason); a parent that ends while its child runs cancels the child, which undoes its own
/// steps, and waits for it.
/// </summary>
public sealed class When_a_step_starts_a_child_workflow : IAsyncLifetime
{
    private const string GiftCard = """
        id: gift-card
        version: 1
        input:
          amount: number
        steps:
          - id: issue
            service: cards
            input: { amount: $.input.amount }
            compensate: { service: cards }
        output:
          card: $.steps.issue.output.card
        """;

    private const string Birthday = """
        id: birthday
        version: 1
        input:
          amount: number
        steps:
          - id: card
            workflow: gift-card
            input: { amount: $.input.amount }
            timeout: 1h
          - id: send
            service: notification
            depends_on: [card]
            input: { card: $.steps.card.output.card }
        """;

    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartAsync(extraDefinitions: [GiftCard, Birthday]);

    [Fact]
    public async Task The_child_runs_on_its_own_and_its_output_becomes_the_steps()
    {
        var parent = await _harness.StartAsync("birthday", new JsonObject { ["amount"] = 50 });
        var child = ChildIds.Of(parent, "card", 1, 1);

        var issue = await _harness.DispatchedAsync(child, "issue");
        await _harness.CompleteAsync(issue, new JsonObject { ["card"] = "GC-1" });
        var send = await _harness.DispatchedAsync(parent, "send");

        Assert.Equal("""{"amount":50}""", issue.Input.ToJsonString());
        Assert.Equal("""{"card":"GC-1"}""", send.Input.ToJsonString());
        var childState = await _harness.InStateAsync(child, m => m.Completed);
        Assert.Equal(new WorkflowParent(parent, "card", 1), childState.Parent);
        var parentState = await _harness.WhenAsync(parent, s => s.InFlight.Contains("send"));
        Assert.Equal(child, parentState.PendingEvents.OfType<StepDispatched>().Single(d => d.StepId == "card").Child);
        Assert.Empty(WorkflowReplay.Differences(parentState, parentState.PendingEvents));
        Assert.Empty(WorkflowReplay.Differences(childState, childState.PendingEvents));
    }

    [Fact]
    public async Task A_child_that_fails_fails_the_step_with_its_reason()
    {
        var parent = await _harness.StartAsync("birthday", new JsonObject { ["amount"] = 50 });
        var child = ChildIds.Of(parent, "card", 1, 1);

        await _harness.FailAsync(await _harness.DispatchedAsync(child, "issue"), "card stock exhausted");

        var failed = await _harness.InStateAsync(parent, m => m.Failed);
        Assert.Equal("card", failed.FailedStep);
        Assert.Contains($"child workflow {child} ended Failed", failed.FailureReason);
        Assert.Contains("card stock exhausted", failed.FailureReason);
    }

    [Fact]
    public async Task A_parent_cancelled_while_its_child_runs_cancels_the_child_which_undoes_its_own_steps()
    {
        var parent = await _harness.StartAsync("birthday", new JsonObject { ["amount"] = 50 });
        var child = ChildIds.Of(parent, "card", 1, 1);
        var issue = await _harness.DispatchedAsync(child, "issue");

        await _harness.CancelAsync(parent);
        await _harness.ConsumedAsync<CancelWorkflow>(m => m.WorkflowId == child);
        await _harness.CompleteAsync(issue, new JsonObject { ["card"] = "GC-2" });
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(child, "issue"));

        await _harness.InStateAsync(child, m => m.Cancelled);
        var cancelled = await _harness.InStateAsync(parent, m => m.Cancelled);
        Assert.Equal(child, cancelled.PendingEvents.OfType<ChildCancelRequested>().Single().ChildId);
        Assert.DoesNotContain(_harness.AllDispatched(), c => c.WorkflowId == parent && c.StepId == "send");
    }

    [Fact]
    public async Task A_child_that_completed_undoes_itself_when_its_parent_is_undone()
    {
        var parent = await _harness.StartAsync("birthday", new JsonObject { ["amount"] = 50 });
        var child = ChildIds.Of(parent, "card", 1, 1);
        await _harness.CompleteAsync(await _harness.DispatchedAsync(child, "issue"), new JsonObject { ["card"] = "GC-3" });
        await _harness.FailAsync(await _harness.DispatchedAsync(parent, "send"), "no address", retryable: false);

        await _harness.ConsumedAsync<CompensateWorkflow>(m => m.WorkflowId == child);
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(child, "issue"));

        var undoneChild = await _harness.InStateAsync(child, m => m.Compensated);
        var undoneParent = await _harness.InStateAsync(parent, m => m.Compensated);
        Assert.Equal("Completed", undoneChild.PendingEvents.OfType<UndoRequested>().Single().StatusThen);
        Assert.Equal(["card"], undoneParent.Compensated);
        Assert.Empty(WorkflowReplay.Differences(undoneChild, undoneChild.PendingEvents));
        Assert.Empty(WorkflowReplay.Differences(undoneParent, undoneParent.PendingEvents));
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
