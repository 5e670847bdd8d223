using Sagas.Definitions.Model;

namespace Sagas.Definitions.Tests.Parsing;

/// <summary>
/// A step's <c>compensate:</c> block: the service that undoes it and an input mapped like a step's,
/// which may also read the step's own output, since compensation runs once the step has completed.
/// </summary>
public class Compensation
{
    [Fact]
    public void Reads_the_service_and_the_input_with_the_line_of_compensate()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            input:
              orderId: string
            steps:
              - id: charge-payment
                service: payment
                compensate:
                  service: payment
                  input:
                    paymentId: $.steps.charge-payment.output.paymentId
                    orderId: $.input.orderId
                    refund: true
            """);

        var compensation = definition.Steps[0].Compensation!;
        Assert.Equal(("payment", 8), (compensation.Service, compensation.Line));
        Assert.Equal(["paymentId", "orderId", "refund"], compensation.Input.Fields.Select(f => f.Name));
        Assert.Equal(["$.steps.charge-payment.output.paymentId", "$.input.orderId"], compensation.Input.References().Select(r => r.Reference.Text));
    }

    [Fact]
    public void May_read_the_steps_own_output()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            steps:
              - id: reserve
                service: inventory
                compensate:
                  service: inventory
                  input:
                    whole: $.steps.reserve.output
                    reservationId: $.steps.reserve.output.reservationId
            """);

        Assert.All(
            definition.Steps[0].Compensation!.Input.References(),
            r => Assert.Equal((ReferenceSource.StepOutput, "reserve"), (r.Reference.Source, r.Reference.StepId)));
    }

    [Fact]
    public void May_read_steps_upstream_directly_or_indirectly_and_the_workflow_id()
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
                compensate:
                  service: undo
                  input:
                    fromA: $.steps.a.output.x
                    fromB: $.steps.b.output.y
                    workflow: $.workflow.id
            """);

        Assert.Equal(3, definition.FindStep("c")!.Compensation!.Input.References().Count());
    }

    [Fact]
    public void Needs_no_input()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                compensate: { service: s.undo }
            """);

        Assert.Equal(("s.undo", ValueMapping.Empty), (definition.Steps[0].Compensation!.Service, definition.Steps[0].Compensation!.Input));
    }

    [Fact]
    public void Is_null_when_absent_or_null()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
              - id: b
                service: s
                compensate: ~
            """);

        Assert.All(definition.Steps, s => Assert.Null(s.Compensation));
    }
}
