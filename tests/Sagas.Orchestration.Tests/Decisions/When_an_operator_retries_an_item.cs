using System.Text.Json.Nodes;
using Sagas.Orchestration.Decisions;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Decisions;

/// <summary>
/// An operator's retry of a <c>for_each</c> step goes item by item, and only while the step has
/// not gathered its items: an item run again after that would be gathered and undone by no one.
/// </summary>
public sealed class When_an_operator_retries_an_item
{
    [Fact]
    public void A_failed_item_of_a_step_still_running_its_items_may_run_again()
    {
        var state = Failed("reserve[1]");

        Assert.Null(OperatorDecider.RetryRefusal(state, "reserve[1]"));
    }

    [Fact]
    public void An_item_of_a_step_that_gathered_its_items_may_not()
    {
        var state = Blocked();
        state.Outputs["reserve"] = new JsonObject();
        state.Outputs["reserve[0]"] = new JsonObject();

        Assert.Equal(
            "step 'reserve[0]' is an item of 'reserve', which has gathered its items' outputs; its items are not run again one by one",
            OperatorDecider.RetryRefusal(state, "reserve[0]"));
    }

    [Fact]
    public void The_step_itself_is_named_by_its_item()
    {
        var state = Failed("reserve[1]");

        Assert.Equal("step 'reserve' runs once per item; name the item that failed ('reserve[0]' …) instead", OperatorDecider.RetryRefusal(state, "reserve"));
    }

    private static WorkflowState Failed(string step) => new()
    {
        Status = WorkflowStatus.Failed,
        FailedStep = step,
        Expansions = { ["reserve"] = new JsonArray(1, 2) },
    };

    private static WorkflowState Blocked() => new()
    {
        Status = WorkflowStatus.NeedsAttention,
        BlockedStep = "ship",
        Expansions = { ["reserve"] = new JsonArray(1) },
    };
}
