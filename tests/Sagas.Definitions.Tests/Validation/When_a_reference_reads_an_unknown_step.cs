namespace Sagas.Definitions.Tests.Validation;

public class When_a_reference_reads_an_unknown_step
{
    [Fact]
    public void Reports_it_at_the_line_of_the_reference_with_the_closest_step_id()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: charge
                service: payment
              - id: ship
                service: shipping
                depends_on: [charge]
                input:
                  orderId: abc
                  paymentId: $.steps.charg.output.paymentId
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.UnknownStepReference, 11, "ship"), (error.Code, error.Line, error.StepId));
        Assert.Contains("unknown step 'charg' (did you mean 'charge'?)", error.Message);
    }

    [Fact]
    public void Reports_it_in_the_workflow_output_without_a_step()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: charge
                service: payment
            output:
              paymentId: $.steps.refund.output.id
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.UnknownStepReference, 7, null), (error.Code, error.Line, error.StepId));
    }
}
