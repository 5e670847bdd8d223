namespace Sagas.Definitions.Tests.Validation;

/// <summary>A step's <c>when:</c> and <c>join:</c> are checked with the definition: every mistake names its file, line, column and step.</summary>
public sealed class When_a_condition_is_invalid
{
    [Fact]
    public void A_syntax_error_is_placed_in_the_file_at_its_column()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: gift-wrap
                service: wrapping
                when: $.input.giftWrap == = true
            """, "orders.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.InvalidExpression, 6, 31, "gift-wrap"), (error.Code, error.Line, error.Column, error.StepId));
        Assert.StartsWith("orders.yaml:6:31: step 'gift-wrap': 'when: $.input.giftWrap == = true': ", error.ToString());
    }

    [Fact]
    public void A_construct_outside_the_language_is_refused_where_it_stands()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                when: "$.input.amount > 1 && Date.now() > 0"
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.InvalidExpression, 6, "a"), (error.Code, error.Line, error.StepId));
        Assert.Contains("only the listed functions can be called", error.Message);
    }

    [Fact]
    public void It_may_read_only_declared_input_and_upstream_outputs()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            input:
              amount: number
            steps:
              - id: reserve
                service: inventory
              - id: screen
                service: fraud
              - id: charge
                service: payment
                depends_on: [reserve]
                when: $.input.amout > 0 && $.steps.screen.output.score < 0.5
            """);

        Assert.Equal(
            [(ErrorCodes.UnknownInputField, 13, "charge"), (ErrorCodes.ReferenceNotUpstream, 13, "charge")],
            result.Errors.Select(e => (e.Code, e.Line, e.StepId)));
        Assert.Contains("did you mean 'amount'", result.Errors[0].Message);
    }

    [Fact]
    public void A_join_must_be_one_of_the_three()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
              - id: b
                service: s
                depends_on: [a]
                join: all-done
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.InvalidJoin, 9, "b"), (error.Code, error.Line, error.StepId));
        Assert.Contains("all, all_done or any", error.Message);
    }

    [Fact]
    public void A_valid_condition_and_join_are_kept_on_the_step()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            input:
              giftWrap: boolean
            steps:
              - id: a
                service: s
              - id: wrap
                service: s
                depends_on: [a]
                when: $.input.giftWrap
              - id: ship
                service: s
                depends_on: [wrap]
                join: all_done
            """);

        Assert.Equal("$.input.giftWrap", definition.Steps[1].When!.Text);
        Assert.Equal(Model.StepJoin.AllDone, definition.Steps[2].Join);
    }
}
