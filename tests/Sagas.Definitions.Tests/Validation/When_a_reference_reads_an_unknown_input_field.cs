namespace Sagas.Definitions.Tests.Validation;

public class When_a_reference_reads_an_unknown_input_field
{
    [Fact]
    public void Reports_it_with_the_closest_declared_field_and_the_declared_list()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            input:
              orderId: string
              amount: number
            steps:
              - id: a
                service: s
                input:
                  id: $.input.orderID
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.UnknownInputField, 10, "a"), (error.Code, error.Line, error.StepId));
        Assert.Equal("'$.input.orderID' reads unknown input field 'orderID' (did you mean 'orderId'?); declared: orderId, amount", error.Message);
    }

    [Fact]
    public void Says_the_workflow_declares_no_input_when_it_declares_none()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                input:
                  x: $.input.x
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.UnknownInputField, 7, "a"), (error.Code, error.Line, error.StepId));
        Assert.EndsWith("the workflow declares no input fields", error.Message);
    }

    [Fact]
    public void Checks_the_workflow_output_too()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            input:
              orderId: string
            steps:
              - id: a
                service: s
            output:
              total: $.input.amount
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.UnknownInputField, 9, null), (error.Code, error.Line, error.StepId));
    }

    [Fact]
    public void Allows_the_whole_input_and_paths_below_a_declared_field()
    {
        Load.ValidYaml("""
            id: w
            version: 1
            input:
              customer: object
            steps:
              - id: a
                service: s
                input:
                  everything: $.input
                  city: $.input.customer.address.city
            """);
    }
}
