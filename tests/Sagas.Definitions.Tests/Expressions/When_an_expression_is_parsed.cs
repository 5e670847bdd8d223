using Sagas.Definitions.Expressions;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Tests.Expressions;

/// <summary>What the parser accepts, and the one line, with its place, for what it refuses.</summary>
public sealed class When_an_expression_is_parsed
{
    [Theory]
    [InlineData("$.input.amount > 1000 && $.input.region == 'eu'")]
    [InlineData("$.steps.fraud-check.output.score >= 0.8 ? 'manual-review' : 'auto'")]
    [InlineData("contains(['eu', 'uk'], lower($.input.region)) || !exists($.input.giftWrap)")]
    [InlineData("length($.input.lines) % 2 == 0")]
    [InlineData("$.input.lines[0].sku === \"A-1\"")]
    [InlineData("-$.input.delta + 3 * (2 - 1) / 4")]
    [InlineData("now() > '2026-01-01'")]
    public void A_decision_over_values_is_accepted(string text) =>
        Assert.True(ExpressionParser.Parse(text).Succeeded, ExpressionParser.Parse(text).Problem);

    [Fact]
    public void Paths_are_read_as_references_wherever_they_stand()
    {
        var parsed = ExpressionParser.Parse("$.steps.fraud-check.output.score > $.input.limits[1] && $.workflow.id != 'x'");

        var references = parsed.Expression!.Paths().Select(p => p.Reference).ToList();
        Assert.Equal([ReferenceSource.StepOutput, ReferenceSource.Input, ReferenceSource.WorkflowId], references.Select(r => r.Source));
        Assert.Equal("fraud-check", references[0].StepId);
        Assert.Equal(["limits", "1"], references[1].Path);
    }

    [Fact]
    public void A_path_inside_quotes_is_text()
    {
        var parsed = ExpressionParser.Parse("$.input.note == 'see $.input.other'");

        Assert.Single(parsed.Expression!.Paths());
    }

    [Theory]
    [InlineData("$.input.a = 1", 1, 1, "assignment")]
    [InlineData("(() => 1)()", 1, 1, "only the listed functions can be called")]
    [InlineData("new Date()", 1, 1, "'new'")]
    [InlineData("this.x", 1, 1, "only $. paths have parts")]
    [InlineData("($.input.name).length > 3", 1, 1, "only $. paths have parts")]
    [InlineData("`a${1}`", 1, 1, "template string")]
    [InlineData("({a: 1})", 1, 2, "object literal")]
    [InlineData("$.input.a | 1", 1, 1, "'|' is not allowed")]
    [InlineData("1 + eval('x')", 1, 5, "unknown function 'eval'")]
    [InlineData("Math.random() > 0.5", 1, 1, "only the listed functions can be called")]
    [InlineData("region == 'eu'", 1, 1, "unknown name 'region'")]
    [InlineData("$ > 1", 1, 1, "'$' starts a path")]
    [InlineData("length($.input.a, 2)", 1, 1, "length takes 1 argument, not 2")]
    [InlineData("exists('x')", 1, 1, "exists takes a path")]
    [InlineData("$.input.a > 1 &&\n  $.other.b", 2, 3, "is not one of")]
    [InlineData("$.steps.pay.amount > 1", 1, 1, "must name a step's output")]
    [InlineData("typeof $.input.a", 1, 1, "'typeof' is not allowed")]
    public void A_construct_outside_the_allow_list_is_refused_at_its_place(string text, int line, int column, string problem)
    {
        var parsed = ExpressionParser.Parse(text);

        Assert.False(parsed.Succeeded);
        Assert.Contains(problem, parsed.Problem, StringComparison.Ordinal);
        Assert.Equal((line, column), (parsed.Line, parsed.Column));
    }

    [Fact]
    public void A_syntax_error_names_where_the_parser_stopped()
    {
        var parsed = ExpressionParser.Parse("$.input.amount > > 3");

        Assert.False(parsed.Succeeded);
        Assert.Equal(1, parsed.Line);
        Assert.Equal(18, parsed.Column);
    }

    [Fact]
    public void An_oversized_or_deeply_nested_expression_is_refused()
    {
        Assert.Contains("at most", ExpressionParser.Parse(new string('1', ExpressionParser.MaxLength + 1)).Problem, StringComparison.Ordinal);
        Assert.Contains("nests deeper", ExpressionParser.Parse(new string('!', 40) + "true").Problem, StringComparison.Ordinal);
        Assert.Contains("more than", ExpressionParser.Parse($"[{string.Join(", ", Enumerable.Repeat("1", 250))}]").Problem, StringComparison.Ordinal);
        Assert.Contains("at most 99 values", ExpressionParser.Parse(string.Join("+", Enumerable.Repeat("$.input.a", 120))).Problem, StringComparison.Ordinal);
        Assert.Equal("the expression is empty", ExpressionParser.Parse("  ").Problem);
    }
}
