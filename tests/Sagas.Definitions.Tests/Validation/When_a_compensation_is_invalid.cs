namespace Sagas.Definitions.Tests.Validation;

public class When_a_compensation_is_invalid
{
    [Fact]
    public void Reports_a_missing_service_at_the_line_of_compensate()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: charge
                service: payment
                compensate:
                  input:
                    refund: true
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.MissingService, 6, "charge"), (error.Code, error.Line, error.StepId));
        Assert.Equal("missing 'compensate.service'", error.Message);
        Assert.Equal("test.yaml:6:5: step 'charge': missing 'compensate.service' [missing-service]", error.ToString());
    }

    [Fact]
    public void Reports_a_service_name_by_the_rules_of_a_steps_service()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: charge
                service: payment
                compensate:
                  service: Payment
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.InvalidName, 7, "charge"), (error.Code, error.Line, error.StepId));
        Assert.Equal(
            "'compensate.service' 'Payment' may hold only lower-case letters, digits, '.', '_' and '-' (at most 100), starting with a letter or digit",
            error.Message);
    }

    [Fact]
    public void Reports_each_wrongly_typed_value_with_the_step()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                compensate: undo
              - id: b
                service: s
                compensate:
                  service: 42
                  input: [x]
            """);

        Assert.Equal(
            [
                (ErrorCodes.WrongType, 6, "a", "'compensate' must be a mapping with service and input, not a string"),
                (ErrorCodes.WrongType, 10, "b", "'compensate.service' must be a string, not a number"),
                (ErrorCodes.WrongType, 11, "b", "'compensate.input' must be a mapping of field names to values, not a list"),
            ],
            result.Errors.Select(e => (e.Code, e.Line, e.StepId, e.Message)));
    }
}
