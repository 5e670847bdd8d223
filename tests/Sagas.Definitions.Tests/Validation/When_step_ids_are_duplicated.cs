namespace Sagas.Definitions.Tests.Validation;

public class When_step_ids_are_duplicated
{
    [Fact]
    public void Reports_the_second_step_naming_the_line_of_the_first()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: charge
                service: payment
              - id: ship
                service: shipping
              - id: charge
                service: payment
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.DuplicateStepId, 8, "charge"), (error.Code, error.Line, error.StepId));
        Assert.Equal("step id 'charge' is already used by the step on line 4", error.Message);
    }
}
