namespace Sagas.Definitions.Tests.Validation;

public class When_a_reference_reads_a_step_that_is_not_upstream
{
    [Fact]
    public void Reports_a_sibling_step_at_the_line_of_the_reference_suggesting_depends_on()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: reserve
                service: inventory
              - id: charge
                service: payment
                depends_on: [reserve]
              - id: screen
                service: fraud
                depends_on: [reserve]
                input:
                  paymentId: $.steps.charge.output.paymentId
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.ReferenceNotUpstream, 13, "screen"), (error.Code, error.Line, error.StepId));
        Assert.Contains("add 'charge' to depends_on", error.Message);
    }

    [Fact]
    public void Reports_a_step_written_later_that_runs_after_this_one()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                input:
                  x: $.steps.b.output.x
              - id: b
                service: s
                depends_on: [a]
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.ReferenceNotUpstream, 7, "a"), (error.Code, error.Line, error.StepId));
    }

    [Fact]
    public void Allows_a_step_that_is_upstream_only_indirectly()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
              - id: b
                service: s
                depends_on: [a]
              - id: c
                service: s
                depends_on: [b]
                input:
                  fromA: $.steps.a.output.value
                  wholeOutputOfA: $.steps.a.output
            """);

        Assert.Equal(2, definition.FindStep("c")!.Input.References().Count());
    }

    [Fact]
    public void Allows_the_workflow_output_to_read_any_step()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
              - id: b
                service: s
            output:
              a: $.steps.a.output.x
              b: $.steps.b.output.y
            """);

        Assert.Equal(2, definition.Output.References().Count());
    }
}
