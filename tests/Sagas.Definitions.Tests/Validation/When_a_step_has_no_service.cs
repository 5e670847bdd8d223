namespace Sagas.Definitions.Tests.Validation;

public class When_a_step_has_no_service
{
    [Fact]
    public void Reports_missing_service_at_the_line_of_the_step()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
              - id: b
                depends_on: [a]
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.MissingService, 6, "b"), (error.Code, error.Line, error.StepId));
    }

    [Fact]
    public void Reports_a_null_service_as_missing_at_its_own_line()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                description: charge
                service: ~
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.MissingService, 6, "a"), (error.Code, error.Line, error.StepId));
    }
}
