namespace Sagas.Definitions.Tests.Validation;

public class When_a_step_references_its_own_output
{
    [Fact]
    public void Reports_a_self_reference_at_the_line_of_the_reference()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                input:
                  retry:
                    previous: $.steps.a.output.attempt
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.SelfReference, 8, "a"), (error.Code, error.Line, error.StepId));
    }
}
