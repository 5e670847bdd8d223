namespace Sagas.Definitions.Tests.Parsing;

public class Depends_on
{
    [Fact]
    public void May_be_a_single_step_id_instead_of_a_list()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
              - id: b
                service: s
                depends_on: a
            """);

        Assert.Equal(["a"], definition.FindStep("b")!.DependsOn);
    }

    [Fact]
    public void Keeps_the_order_written_in_a_block_list()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
              - id: b
                service: s
              - id: c
                service: s
                depends_on:
                  - b
                  - a
            """);

        Assert.Equal(["b", "a"], definition.FindStep("c")!.DependsOn);
    }

    [Fact]
    public void Absent_or_null_means_no_dependencies()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
              - id: b
                service: s
                depends_on: ~
            """);

        Assert.All(definition.Steps, s => Assert.Empty(s.DependsOn));
    }
}
