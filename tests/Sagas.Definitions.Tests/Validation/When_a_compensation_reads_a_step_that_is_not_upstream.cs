namespace Sagas.Definitions.Tests.Validation;

/// <summary>
/// A compensation reads what its step could read, plus the step's own output: a step that is
/// not upstream may not have run, so its output may not exist when the step is undone.
/// </summary>
public class When_a_compensation_reads_a_step_that_is_not_upstream
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
                compensate:
                  service: fraud
                  input:
                    reservationId: $.steps.reserve.output.reservationId
                    paymentId: $.steps.charge.output.paymentId
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.ReferenceNotUpstream, 16, "screen"), (error.Code, error.Line, error.StepId));
        Assert.Equal(
            "'$.steps.charge.output.paymentId' reads the output of 'charge', which is not upstream of this step; add 'charge' to depends_on",
            error.Message);
    }

    [Fact]
    public void Reports_a_step_downstream_of_this_one()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                compensate:
                  service: s
                  input:
                    x: $.steps.b.output.x
              - id: b
                service: s
                depends_on: [a]
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.ReferenceNotUpstream, 9, "a"), (error.Code, error.Line, error.StepId));
    }

    [Fact]
    public void Reports_an_unknown_step_and_an_unknown_input_field_as_for_a_steps_input()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            input:
              orderId: string
            steps:
              - id: charge
                service: payment
                compensate:
                  service: payment
                  input:
                    order: $.input.orderID
                    payment: $.steps.charge-payment.output.paymentId
            """);

        Assert.Equal(
            [
                (ErrorCodes.UnknownInputField, 11, "charge",
                    "'$.input.orderID' reads unknown input field 'orderID' (did you mean 'orderId'?); declared: orderId"),
                (ErrorCodes.UnknownStepReference, 12, "charge",
                    "'$.steps.charge-payment.output.paymentId' reads the output of unknown step 'charge-payment'"),
            ],
            result.Errors.Select(e => (e.Code, e.Line, e.StepId, e.Message)));
    }

    [Fact]
    public void Still_reports_a_steps_input_reading_its_own_output()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                input:
                  previous: $.steps.a.output.x
                compensate:
                  service: s
                  input:
                    done: $.steps.a.output.x
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.SelfReference, 7, "a"), (error.Code, error.Line, error.StepId));
    }
}
