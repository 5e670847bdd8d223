namespace Sagas.Definitions.Tests.Validation;

public class When_a_key_is_written_twice
{
    [Fact]
    public void Reports_a_workflow_key_at_the_second_occurrence_naming_the_first()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            id: v
            steps:
              - id: a
                service: s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.DuplicateKey, 3, null), (error.Code, error.Line, error.StepId));
        Assert.Equal("key 'id' is written twice (first on line 1)", error.Message);
    }

    [Fact]
    public void Reports_a_step_key_with_the_step()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                service: t
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.DuplicateKey, 6, "a"), (error.Code, error.Line, error.StepId));
    }

    [Fact]
    public void Reports_a_field_of_a_step_input_written_twice()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                input:
                  x: 1
                  y: 2
                  x: 3
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.DuplicateKey, 9, "a"), (error.Code, error.Line, error.StepId));
        Assert.Equal("field 'x' is written twice (first on line 7)", error.Message);
    }

    [Fact]
    public void Reports_an_input_field_declared_twice()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            input:
              orderId: string
              orderId: number
            steps:
              - id: a
                service: s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.DuplicateKey, 5, null), (error.Code, error.Line, error.StepId));
    }
}
