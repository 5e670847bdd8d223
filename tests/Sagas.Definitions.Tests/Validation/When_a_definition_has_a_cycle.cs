namespace Sagas.Definitions.Tests.Validation;

public class When_a_definition_has_a_cycle
{
    [Fact]
    public void Reports_a_three_step_cycle_once_as_a_path_at_the_line_of_its_first_step()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                depends_on: c
              - id: b
                service: s
                depends_on: a
              - id: c
                service: s
                depends_on: b
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.Cycle, 4, "a"), (error.Code, error.Line, error.StepId));
        Assert.Equal("dependency cycle: a -> b -> c -> a", error.Message);
    }

    [Fact]
    public void Reports_a_two_step_cycle_in_the_direction_work_flows()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: start
                service: s
              - id: x
                service: s
                depends_on: [start, y]
              - id: y
                service: s
                depends_on: [x]
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.Cycle, 6, "x"), (error.Code, error.Line, error.StepId));
        Assert.Equal("dependency cycle: x -> y -> x", error.Message);
    }

    [Fact]
    public void Starts_the_path_at_the_step_written_first_even_when_it_is_reached_last()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: entry
                service: s
                depends_on: [c]
              - id: b
                service: s
                depends_on: [c]
              - id: c
                service: s
                depends_on: [b]
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.Cycle, 7, "b"), (error.Code, error.Line, error.StepId));
        Assert.Equal("dependency cycle: b -> c -> b", error.Message);
    }

    [Fact]
    public void Reports_each_of_two_separate_cycles_once()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                depends_on: [b]
              - id: b
                service: s
                depends_on: [a]
              - id: c
                service: s
                depends_on: [a, b, e]
              - id: d
                service: s
                depends_on: [c]
              - id: e
                service: s
                depends_on: [d]
            """);

        Assert.Equal(
            [
                (ErrorCodes.Cycle, 4, "a", "dependency cycle: a -> b -> a"),
                (ErrorCodes.Cycle, 10, "c", "dependency cycle: c -> d -> e -> c"),
            ],
            result.Errors.Select(e => (e.Code, e.Line, e.StepId, e.Message)));
    }
}
