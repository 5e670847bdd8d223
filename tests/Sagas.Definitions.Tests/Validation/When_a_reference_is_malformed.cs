namespace Sagas.Definitions.Tests.Validation;

public class When_a_reference_is_malformed
{
    [Theory]
    [InlineData("$.steps.a", "reference '$.steps.a' must name a step's output: $.steps.STEP.output[.FIELD]")]
    [InlineData("$.steps.a.result.x", "reference '$.steps.a.result.x' must name a step's output: $.steps.STEP.output[.FIELD]")]
    [InlineData("$.foo", "reference '$.foo' is not one of $.input.FIELD, $.steps.STEP.output.FIELD, $.workflow.id, or in a for_each step $.item.FIELD and $.index")]
    [InlineData("$.workflow.name", "reference '$.workflow.name' is not one of $.input.FIELD, $.steps.STEP.output.FIELD, $.workflow.id, or in a for_each step $.item.FIELD and $.index")]
    [InlineData("$.", "reference '$.' has an empty segment; write $.input.FIELD, $.steps.STEP.output.FIELD, $.workflow.id, or in a for_each step $.item.FIELD and $.index")]
    [InlineData("$.input..x", "reference '$.input..x' has an empty segment; write $.input.FIELD, $.steps.STEP.output.FIELD, $.workflow.id, or in a for_each step $.item.FIELD and $.index")]
    public void Reports_invalid_reference_at_its_line_and_column(string reference, string message)
    {
        var result = Load.Yaml($"""
            id: w
            version: 1
            input:
              x: any
            steps:
              - id: a
                service: s
              - id: b
                service: s
                depends_on: [a]
                input:
                  value: "{reference}"
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.InvalidReference, 12, 14, "b"), (error.Code, error.Line, error.Column, error.StepId));
        Assert.Equal(message, error.Message);
    }
}
