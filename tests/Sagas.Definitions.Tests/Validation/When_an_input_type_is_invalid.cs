namespace Sagas.Definitions.Tests.Validation;

public class When_an_input_type_is_invalid
{
    [Theory]
    [InlineData("strin", "'strin'")]
    [InlineData("String", "'String'")]
    [InlineData("int", "'int'")]
    [InlineData("5", "'5'")]
    [InlineData("[string]", "a list")]
    public void Reports_invalid_input_type_at_the_type_listing_the_known_types(string type, string described)
    {
        var result = Load.Yaml($"""
            id: w
            version: 1
            input:
              orderId: string
              amount: {type}
            steps:
              - id: a
                service: s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.InvalidInputType, 5, 11, null), (error.Code, error.Line, error.Column, error.StepId));
        Assert.Equal(
            $"input field 'amount' has type {described}; use one of: any, string, number, integer, boolean, object, array",
            error.Message);
    }

    [Fact]
    public void Reports_it_at_the_type_key_of_the_long_form()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            input:
              amount:
                required: false
                type: decimal
            steps:
              - id: a
                service: s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.InvalidInputType, 6, null), (error.Code, error.Line, error.StepId));
    }
}
