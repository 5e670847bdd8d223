namespace Sagas.Definitions.Tests.Validation;

public class When_a_workflow_has_no_steps
{
    [Fact]
    public void Reports_a_missing_steps_key_at_the_start_of_the_workflow()
    {
        var result = Load.Yaml("""
            # no steps at all
            id: w
            version: 1
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.EmptyWorkflow, 2, null), (error.Code, error.Line, error.StepId));
    }

    [Fact]
    public void Reports_an_empty_steps_list_at_its_line()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps: []
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.EmptyWorkflow, 3, null), (error.Code, error.Line, error.StepId));
    }

    [Fact]
    public void Reports_a_null_steps_value()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps: ~
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.EmptyWorkflow, 3, null), (error.Code, error.Line, error.StepId));
    }
}
