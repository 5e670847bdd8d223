namespace Sagas.Definitions.Tests.Validation;

public class When_a_step_has_no_id
{
    [Fact]
    public void Reports_missing_step_id_at_the_line_of_the_step_without_a_step_name()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
              - service: t
                depends_on: [a]
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.MissingStepId, 6, null), (error.Code, error.Line, error.StepId));
    }
}
