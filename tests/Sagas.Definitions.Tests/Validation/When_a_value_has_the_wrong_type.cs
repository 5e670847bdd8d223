namespace Sagas.Definitions.Tests.Validation;

public class When_a_value_has_the_wrong_type
{
    [Fact]
    public void Reports_steps_written_as_a_mapping()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              a:
                service: s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.WrongType, 4, null), (error.Code, error.Line, error.StepId));
        Assert.Equal("'steps' must be a list of steps, not a mapping", error.Message);
    }

    [Fact]
    public void Reports_a_step_that_is_only_a_name()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
              - just-a-name
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.WrongType, 6, null), (error.Code, error.Line, error.StepId));
        Assert.Contains("not a string", error.Message);
    }

    [Fact]
    public void Reports_each_wrongly_typed_value_of_a_step_with_the_step()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            input: [orderId]
            steps:
              - id: a
                service: 42
                description: [not, text]
                depends_on: { b: yes }
                input: just text
            """);

        Assert.Equal(
            [
                (ErrorCodes.WrongType, 3, null, "'input' must map field names to JSON types, not a list"),
                (ErrorCodes.WrongType, 6, "a", "'service' must be a string, not a number"),
                (ErrorCodes.WrongType, 7, "a", "'description' must be a string, not a list"),
                (ErrorCodes.WrongType, 8, "a", "'depends_on' must be a list of step ids, not a mapping"),
                (ErrorCodes.WrongType, 9, "a", "'input' must be a mapping of field names to values, not a string"),
            ],
            result.Errors.Select(e => (e.Code, e.Line, e.StepId, e.Message)));
    }

    [Fact]
    public void Reports_a_dependency_that_is_not_a_step_id()
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
                  - [c]
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.WrongType, 10, "b"), (error.Code, error.Line, error.StepId));
    }

    [Fact]
    public void Reports_required_that_is_not_a_boolean()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            input:
              note: { type: string, required: maybe }
            steps:
              - id: a
                service: s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.WrongType, 4, null), (error.Code, error.Line, error.StepId));
        Assert.Equal("'required' of input field 'note' must be true or false", error.Message);
    }
}
