using System.Text.Json.Nodes;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Tests.Planning;

/// <summary>
/// <c>switch:</c> in the planner: a ready step runs as the first case whose <c>when:</c> holds, or
/// as its default, with the case's own settings where it has them and the step's elsewhere, and
/// the values every case tried read.
/// </summary>
public sealed class Ready_step_planner_with_a_switch
{
    private static readonly WorkflowDefinition Payment = Load.ValidYaml("""
        id: payment
        version: 1
        input:
          region: string
          amount: number
        steps:
          - id: screen
            service: fraud
          - id: pay
            depends_on: [screen]
            input: { amount: $.input.amount }
            timeout: 20s
            when: $.input.amount > 0
            switch:
              cases:
                - name: review
                  when: $.steps.screen.output.score > 0.8 || $.input.amount > 5000
                  service: manual-review
                  timeout: 24h
                  input: { score: $.steps.screen.output.score }
                - name: europe
                  when: $.input.region == "eu"
                  service: payment-eu
                  alternates: [payment]
              default:
                service: payment
                retry: { max_attempts: 5 }
        """);

    [Theory]
    [InlineData("eu", 100, 0.9, "review", "manual-review")]
    [InlineData("eu", 100, 0.1, "europe", "payment-eu")]
    [InlineData("us", 100, 0.1, "default", "payment")]
    [InlineData("us", 9000, 0.1, "review", "manual-review")]
    public void The_first_case_that_holds_is_chosen_else_the_default(string region, int amount, double score, string chosen, string service)
    {
        var planned = Assert.Single(Ready(region, amount, score).Run);

        Assert.Equal((chosen, service), (planned.Branch!.Case, planned.Step.Service));
    }

    [Fact]
    public void The_chosen_case_runs_with_its_own_settings_and_the_steps_where_it_has_none()
    {
        var review = Assert.Single(Ready("us", 100, 0.9).Run);
        var europe = Assert.Single(Ready("eu", 100, 0.1).Run);
        var fallback = Assert.Single(Ready("us", 100, 0.1).Run);

        Assert.Equal(("""{"score":0.9}""", TimeSpan.FromHours(24)), (review.Input.Value!.ToJsonString(), review.Step.Timeout));
        Assert.Equal(("""{"amount":100}""", TimeSpan.FromSeconds(20), "payment"), (europe.Input.Value!.ToJsonString(), europe.Step.Timeout, Assert.Single(europe.Step.Alternates)));
        Assert.Equal((5, TimeSpan.FromSeconds(20)), (fallback.Step.Retry!.MaxAttempts, fallback.Step.Timeout));
    }

    [Fact]
    public void What_each_case_tried_read_is_kept_with_the_choice_and_the_condition_that_held()
    {
        var planned = Assert.Single(Ready("eu", 100, 0.1).Run);

        Assert.Equal("$.input.region == \"eu\"", planned.Branch!.Condition);
        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["$.steps.screen.output.score"] = 0.1, ["$.input.amount"] = 100, ["$.input.region"] = "eu" },
            planned.Branch.Read));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["$.input.amount"] = 100 }, planned.ConditionRead));
    }

    [Fact]
    public void A_false_when_skips_the_step_before_any_case_is_tried()
    {
        var decisions = Progress.Start(new JsonObject { ["region"] = "eu", ["amount"] = 0 }).Completed("screen", new JsonObject { ["score"] = 0.1 }).Decide(Payment);

        Assert.Equal("pay", Assert.Single(decisions.Skip).Step.Id);
        Assert.Empty(decisions.Run);
    }

    [Fact]
    public void A_case_that_cannot_be_evaluated_fails_the_step_naming_the_case()
    {
        var decisions = Progress.Start(new JsonObject { ["region"] = "eu", ["amount"] = 10 })
            .Completed("screen", new JsonObject { ["score"] = "low" })
            .Decide(Payment);

        var failure = Assert.Single(decisions.Failed);
        Assert.StartsWith("switch case 'review': when: $.steps.screen.output.score > 0.8 || $.input.amount > 5000 could not be evaluated: ", failure.Message);
        Assert.Empty(decisions.Run);
    }

    private static Sagas.Definitions.Planning.StepDecisions Ready(string region, int amount, double score) =>
        Progress.Start(new JsonObject { ["region"] = region, ["amount"] = amount })
            .Completed("screen", new JsonObject { ["score"] = score })
            .Decide(Payment);
}
