namespace Sagas.Definitions.Tests.Policies;

public class Step_alternates
{
    private static string Step(string alternates) => $"""
        id: w
        version: 1
        steps:
          - id: charge
            service: payment
            alternates: {alternates}
        """;

    [Fact]
    public void Are_read_in_order()
    {
        var definition = Load.ValidYaml(Step("[payment-backup, payment-legacy]"));

        Assert.Equal(["payment-backup", "payment-legacy"], Assert.Single(definition.Steps).Alternates);
    }

    [Fact]
    public void Are_empty_when_not_written()
    {
        var definition = Load.ValidYaml("id: w\nversion: 1\nsteps:\n  - id: charge\n    service: payment\n");

        Assert.Empty(Assert.Single(definition.Steps).Alternates);
    }

    [Fact]
    public void Are_read_from_json_too()
    {
        var definition = Load.ValidJson("""{ "id": "w", "version": 1, "steps": [{ "id": "a", "service": "s", "alternates": ["t"] }] }""");

        Assert.Equal(["t"], Assert.Single(definition.Steps).Alternates);
    }

    [Theory]
    [InlineData("payment-backup", ErrorCodes.WrongType, "'alternates' must be a list of service names, not a string")]
    [InlineData("[payment-backup, 3]", ErrorCodes.WrongType, "each entry of 'alternates' must be a service name, not a number")]
    [InlineData("[Payment_Backup]", ErrorCodes.InvalidName,
        "'alternates' entry 'Payment_Backup' may hold only lower-case letters, digits, '.', '_' and '-' (at most 100), starting with a letter or digit")]
    public void Must_be_a_list_of_valid_service_names(string alternates, string code, string message)
    {
        var error = Assert.Single(Load.Yaml(Step(alternates)).Errors);

        Assert.Equal((code, 6, "charge", message), (error.Code, error.Line, error.StepId, error.Message));
    }

    [Fact]
    public void Must_not_repeat_a_service()
    {
        var error = Assert.Single(Load.Yaml(Step("[payment-backup, payment-backup]")).Errors);

        Assert.Equal(
            (ErrorCodes.DuplicateAlternate, 6, "charge", "'alternates' lists 'payment-backup' twice (first on line 6); each alternate is tried once, in order"),
            (error.Code, error.Line, error.StepId, error.Message));
    }

    [Fact]
    public void Must_not_name_the_step_s_own_service()
    {
        var error = Assert.Single(Load.Yaml(Step("[payment]")).Errors);

        Assert.Equal(
            (ErrorCodes.SelfAlternate, 6, "charge", "'alternates' lists 'payment', the service it is an alternate for; fail over only to other services"),
            (error.Code, error.Line, error.StepId, error.Message));
    }
}
