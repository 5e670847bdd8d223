namespace Sagas.Definitions.Tests.Validation;

/// <summary>One load reports everything wrong with a file, so a person fixes it in one pass.</summary>
public class When_a_file_has_several_errors
{
    [Fact]
    public void Reports_all_of_them_in_one_load_in_file_order()
    {
        var result = Load.Yaml("""
            id: w
            version: 0
            input:
              orderId: strin
            steps:
              - id: a
                service: s
                depend_on: [b]
                input:
                  order: $.input.orderID
              - service: t
              - id: b
                service: s
                depends_on: [a, c]
                input:
                  bad: $.steps.a
                  late: $.steps.d.output.x
              - id: c
                service: s
                depends_on: [b]
              - id: d
                service: s
                depends_on: d
            """);

        Assert.Null(result.Definition);
        Assert.Equal(
            [
                (ErrorCodes.InvalidVersion, 2, null),
                (ErrorCodes.InvalidInputType, 4, null),
                (ErrorCodes.UnknownKey, 8, "a"),
                (ErrorCodes.UnknownInputField, 10, "a"),
                (ErrorCodes.MissingStepId, 11, null),
                (ErrorCodes.Cycle, 12, "b"),
                (ErrorCodes.InvalidReference, 16, "b"),
                (ErrorCodes.ReferenceNotUpstream, 17, "b"),
                (ErrorCodes.SelfDependency, 23, "d"),
            ],
            result.Errors.Select(e => (e.Code, e.Line, e.StepId)));
    }
}
