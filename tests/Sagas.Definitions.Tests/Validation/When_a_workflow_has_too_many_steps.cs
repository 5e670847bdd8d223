using System.Text;
using Sagas.Definitions.Loading;

namespace Sagas.Definitions.Tests.Validation;

public class When_a_workflow_has_too_many_steps
{
    [Fact]
    public void Reports_too_many_steps_against_the_configured_limit()
    {
        var yaml = """
            id: w
            version: 1
            steps:
              - id: a
                service: s
              - id: b
                service: s
              - id: c
                service: s
            """;

        var result = new DefinitionLoader(DefinitionLimits.Default with { MaxSteps = 2 }).Load("test.yaml", Encoding.UTF8.GetBytes(yaml));

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.TooManySteps, 4, null), (error.Code, error.Line, error.StepId));
        Assert.Equal("the workflow has 3 steps, over the limit of 2", error.Message);
    }
}
