namespace Sagas.Definitions.Tests.Validation;

/// <summary>Step ids and input fields cannot hold dots (references split on them); services become queue names.</summary>
public class When_a_name_is_invalid
{
    [Fact]
    public void Reports_a_step_id_with_a_dot()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: charge.payment
                service: s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.InvalidName, 4, null), (error.Code, error.Line, error.StepId));
    }

    [Fact]
    public void Reports_an_upper_case_service_with_its_step()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: Payment
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.InvalidName, 5, "a"), (error.Code, error.Line, error.StepId));
    }

    [Fact]
    public void Reports_an_input_field_name_with_a_dot()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            input:
              order.id: string
            steps:
              - id: a
                service: s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.InvalidName, 4, null), (error.Code, error.Line, error.StepId));
    }

    [Fact]
    public void Allows_dots_in_the_workflow_id_and_the_service()
    {
        var definition = Load.ValidYaml("""
            id: shop.orders-v2
            version: 1
            steps:
              - id: a
                service: billing.payments
            """);

        Assert.Equal(("shop.orders-v2", "billing.payments"), (definition.Id, definition.Steps[0].Service));
    }
}
