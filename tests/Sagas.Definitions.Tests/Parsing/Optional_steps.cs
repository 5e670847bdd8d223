namespace Sagas.Definitions.Tests.Parsing;

public class Optional_steps
{
    private const string Head = """
        id: checkout
        version: 1
        steps:
          - id: charge
            service: payment

        """;

    [Fact]
    public void A_step_is_optional_when_it_says_so_and_required_otherwise()
    {
        var definition = Load.ValidYaml(Head + """
              - id: recommend
                service: recommendations
                optional: true
                depends_on: [charge]
            """);

        Assert.False(definition.FindStep("charge")!.Optional);
        Assert.True(definition.FindStep("recommend")!.Optional);
    }

    [Fact]
    public void Optional_must_be_true_or_false_and_the_error_names_the_step_and_line()
    {
        var error = Load.Yaml(Head + """
              - id: recommend
                service: recommendations
                optional: sometimes
            """).Errors.Single();

        Assert.Equal((ErrorCodes.WrongType, 8, "recommend"), (error.Code, error.Line, error.StepId));
        Assert.Contains("'optional'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wait_for_a_signal_cannot_be_optional_as_it_calls_no_service()
    {
        var error = Load.Yaml(Head + """
              - id: approval
                wait_for: { signal: approved, timeout: 1h }
                optional: true
            """).Errors.Single();

        Assert.Equal((ErrorCodes.WaitConflict, 8), (error.Code, error.Line));
        Assert.Equal("a step that waits for a signal calls no service; remove 'optional' (or the 'wait_for')", error.Message);
    }
}
