using System.Text.Json.Nodes;
using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;

namespace Sagas.Definitions.Tests.Planning;

/// <summary>
/// <c>when:</c> and joins in the planner: a false condition skips the step with the values it
/// read, a skip passes down to steps that need it (unless their join says otherwise), and a
/// condition that cannot be evaluated is reported, not guessed.
/// </summary>
public sealed class Ready_step_planner_with_conditions
{
    private static readonly WorkflowDefinition Order = Load.ValidYaml("""
        id: order
        version: 1
        input:
          amount: number
          giftWrap: boolean
        steps:
          - id: reserve
            service: inventory
          - id: wrap
            service: wrapping
            depends_on: [reserve]
            when: $.input.giftWrap && $.input.amount > 10
          - id: label
            service: wrapping
            depends_on: [wrap]
          - id: ship
            service: shipping
            depends_on: [label, reserve]
            join: all_done
          - id: notify
            service: notification
            depends_on: [wrap, ship]
            join: any
        """);

    [Fact]
    public void A_false_condition_skips_the_step_with_the_values_it_read()
    {
        var progress = Start(giftWrap: false).Completed("reserve");

        var decisions = progress.Decide(Order);

        var skip = Assert.Single(decisions.Skip);
        Assert.Equal(("wrap", "when: $.input.giftWrap && $.input.amount > 10 was false"), (skip.Step.Id, skip.Reason));
        // && stopped at the first false: only what it read is recorded.
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["$.input.giftWrap"] = false }, skip.Read));
        Assert.Empty(decisions.Run);
    }

    [Fact]
    public void A_true_condition_runs_the_step_and_keeps_what_it_read()
    {
        var decisions = Start(giftWrap: true).Completed("reserve").Decide(Order);

        var run = Assert.Single(decisions.Run);
        Assert.Equal("wrap", run.Step.Id);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["$.input.giftWrap"] = true, ["$.input.amount"] = 25.0 }, run.ConditionRead));
    }

    [Fact]
    public void A_skip_passes_to_a_step_that_needs_all_but_not_past_all_done()
    {
        var progress = Start(giftWrap: false).Completed("reserve").Skipping("wrap");

        var decisions = progress.Decide(Order);

        var skip = Assert.Single(decisions.Skip);
        Assert.Equal(("label", "it needs every dependency, and 'wrap' was skipped"), (skip.Step.Id, skip.Reason));
        // ship joins all_done: it waits for label to be decided, then runs.
        Assert.Equal(["ship"], progress.Skipping("label").Decide(Order).Run.Select(r => r.Step.Id));
    }

    [Fact]
    public void Any_runs_on_the_first_completed_dependency_and_is_skipped_only_when_all_were()
    {
        var shipped = Start(giftWrap: false).Completed("reserve").Skipping("wrap", "label").Completed("ship");
        Assert.Equal(["notify"], shipped.Decide(Order).Run.Select(r => r.Step.Id));

        var onlyWrapDone = Start(giftWrap: true).Completed("reserve").Completed("wrap").Dispatched("label");
        Assert.Contains("notify", onlyWrapDone.Decide(Order).Run.Select(r => r.Step.Id));
    }

    [Fact]
    public void The_run_is_complete_when_every_step_completed_or_was_skipped()
    {
        var progress = Start(giftWrap: false).Completed("reserve").Skipping("wrap", "label").Completed("ship").Completed("notify");

        Assert.True(ReadyStepPlanner.IsComplete(Order, progress));
    }

    [Fact]
    public void A_condition_that_cannot_be_evaluated_is_a_failure_with_its_reason()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            steps:
              - id: screen
                service: fraud
              - id: review
                service: manual-review
                depends_on: [screen]
                when: $.steps.screen.output.score > 0.8
            """);
        var progress = Progress.Start().Completed("screen", new JsonObject { ["score"] = "high" });

        var failure = Assert.Single(progress.Decide(definition).Failed);

        Assert.Equal("when: $.steps.screen.output.score > 0.8 could not be evaluated: > compares two numbers or two texts, not string \"high\" and number 0.8", failure.Message);
    }

    [Fact]
    public void A_condition_that_is_not_true_or_false_is_a_failure()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            input:
              amount: number
            steps:
              - id: a
                service: s
                when: $.input.amount
            """);

        var failure = Assert.Single(Progress.Start(new JsonObject { ["amount"] = 3 }).Decide(definition).Failed);

        Assert.Contains("it gave number 3, not true or false", failure.Message);
    }

    private static WorkflowProgress Start(bool giftWrap) => Progress.Start(new JsonObject { ["amount"] = 25, ["giftWrap"] = giftWrap });
}
