namespace Sagas.Definitions.Tests.Parsing;

/// <summary>A step's <c>timeout</c> and the workflow's <c>deadline</c>: optional durations.</summary>
public class Timeouts_and_deadline
{
    [Fact]
    public void Are_read_into_the_model()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            deadline: 10m
            steps:
              - id: a
                service: s
                timeout: 30s
              - id: b
                service: s
                timeout: 500ms
            """);

        Assert.Equal(TimeSpan.FromMinutes(10), definition.Deadline);
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500)], definition.Steps.Select(s => s.Timeout));
    }

    [Fact]
    public void Are_null_when_absent_or_null_so_the_defaults_apply()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            deadline: ~
            steps:
              - id: a
                service: s
              - id: b
                service: s
                timeout: ~
            """);

        Assert.Null(definition.Deadline);
        Assert.All(definition.Steps, s => Assert.Null(s.Timeout));
    }

    [Fact]
    public void May_be_quoted()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            deadline: "1h"
            steps:
              - id: a
                service: s
                timeout: '2m'
            """);

        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromMinutes(2)), (definition.Deadline, definition.Steps[0].Timeout));
    }
}
