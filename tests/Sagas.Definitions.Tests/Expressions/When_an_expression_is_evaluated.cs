using System.Text.Json.Nodes;
using Sagas.Definitions.Expressions;
using Sagas.Definitions.Planning;

namespace Sagas.Definitions.Tests.Expressions;

/// <summary>Strict, deterministic evaluation over a workflow's input and its steps' outputs.</summary>
public sealed class When_an_expression_is_evaluated
{
    private static readonly ExpressionContext At = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private static readonly Sagas.Definitions.Planning.WorkflowProgress Order = Progress
        .Start(JsonNode.Parse("""{"amount": 1500, "region": "EU", "lines": [{"sku": "A-1"}, {"sku": "B-2"}], "note": null}""")!.AsObject())
        .Completed("fraud-check", JsonNode.Parse("""{"score": 0.91, "flags": ["velocity"]}"""));

    [Theory]
    [InlineData("$.input.amount > 1000 && lower($.input.region) == 'eu'", "true")]
    [InlineData("$.steps.fraud-check.output.score >= 0.8 ? 'manual-review' : 'auto'", "\"manual-review\"")]
    [InlineData("length($.input.lines)", "2")]
    [InlineData("$.input.lines[1].sku", "\"B-2\"")]
    [InlineData("$.input.lines.0.sku + '/' + $.input.region", "\"A-1/EU\"")]
    [InlineData("contains($.steps.fraud-check.output.flags, 'velocity')", "true")]
    [InlineData("contains(['EU', 'UK'], $.input.region)", "true")]
    [InlineData("exists($.input.note) && $.input.note == null", "true")]
    [InlineData("exists($.input.giftWrap)", "false")]
    [InlineData("$.input.giftWrap == null", "true")]
    [InlineData("1 == '1'", "false")]
    [InlineData("[1, 2] == [1, 2]", "true")]
    [InlineData("round($.input.amount / 7)", "214")]
    [InlineData("max(abs(-3), 2) % 2", "1")]
    [InlineData("now()", "\"2026-11-30T12:00:00.000Z\"")]
    [InlineData("starts_with($.workflow.id, 'wf-') && ends_with(upper('a'), 'A')", "true")]
    [InlineData("false && $.input.missing.deeper", "false")]
    public void It_yields_the_value(string text, string json)
    {
        var outcome = Evaluate(text);

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), outcome.Value), $"{text} gave {outcome.Value?.ToJsonString() ?? "null"}");
    }

    [Fact]
    public void What_it_read_is_kept_by_path_and_whether_a_value_was_there_by_its_exists()
    {
        var outcome = Evaluate("!exists($.input.giftWrap) && exists($.input.note) && $.input.amount > 10");

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"exists($.input.giftWrap)": false, "exists($.input.note)": true, "$.input.amount": 1500}"""),
            outcome.Read));
    }

    [Theory]
    [InlineData("$.input.missing.deeper > 1", "'$.input.missing.deeper': the workflow input has no 'missing'")]
    [InlineData("$.steps.pay.output.id == 'x'", "step 'pay' has not completed")]
    [InlineData("$.input.region > 3", "> compares two numbers or two texts, not string \"EU\" and number 3")]
    [InlineData("'a' + 1", "+ (joining text) needs text, not number 1")]
    [InlineData("$.input.amount && true", "&& needs true or false, not number 1500")]
    [InlineData("!$.input.region", "! needs true or false")]
    [InlineData("$.input.amount / 0", "/ by zero")]
    [InlineData("length($.input.amount)", "length takes text, a list or an object, not number 1500")]
    [InlineData("1e308 * 10", "the number is too large")]
    public void A_value_it_cannot_take_is_a_failure_with_the_reason(string text, string reason)
    {
        var outcome = Evaluate(text);

        Assert.False(outcome.Succeeded);
        Assert.Contains(reason, outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_cannot_grow_without_bound()
    {
        var progress = Progress.Start(new JsonObject { ["s"] = new string('x', 40_000) });
        var parsed = ExpressionParser.Parse("$.input.s + $.input.s");

        var outcome = ExpressionEvaluator.Evaluate(parsed.Expression!, new ProgressValues(progress), At);

        Assert.Contains("longer than", outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_value_is_a_copy_that_leaves_the_state_alone()
    {
        var outcome = Evaluate("$.steps.fraud-check.output.flags");

        outcome.Value!.AsArray().Add("changed");

        Assert.Single(Order.CompletedOutputs["fraud-check"]!["flags"]!.AsArray());
    }

    private static ExpressionOutcome Evaluate(string text)
    {
        var parsed = ExpressionParser.Parse(text);
        Assert.True(parsed.Succeeded, parsed.Problem);
        return ExpressionEvaluator.Evaluate(parsed.Expression, new ProgressValues(Order), At);
    }
}
