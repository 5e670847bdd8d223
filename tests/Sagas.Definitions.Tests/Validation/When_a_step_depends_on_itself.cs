namespace Sagas.Definitions.Tests.Validation;

public class When_a_step_depends_on_itself
{
    [Fact]
    public void Reports_a_self_dependency_at_the_dependency_and_no_cycle()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
              - id: b
                service: s
                depends_on:
                  - a
                  - b
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.SelfDependency, 10, "b"), (error.Code, error.Line, error.StepId));
    }
}
