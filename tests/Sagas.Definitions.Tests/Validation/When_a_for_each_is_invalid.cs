namespace Sagas.Definitions.Tests.Validation;

/// <summary>A step's <c>for_each:</c>, and <c>$.item</c> wherever it is read, are checked with the definition.</summary>
public sealed class When_a_for_each_is_invalid
{
    [Fact]
    public void A_valid_for_each_loads_with_its_list_its_parallelism_and_what_a_failed_item_does()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            input:
              lines: array
            steps:
              - id: reserve
                service: inventory
                for_each: $.input.lines
                input: { sku: $.item.sku, line: $.index }
                compensate: { service: inventory, input: { id: $.steps.reserve.output.id, sku: $.item.sku } }
              - id: pack
                service: packing
                depends_on: [reserve]
                for_each: $.steps.reserve.output.items
                max_parallel: 50
                on_item_failure: continue
                input: { reservation: $.item.id }
            """);

        var (reserve, pack) = (definition.Steps[0].ForEach!, definition.Steps[1].ForEach!);
        Assert.Equal(("$.input.lines", 10, Sagas.Definitions.Model.ItemFailure.Fail), (reserve.Items.Text, reserve.MaxParallel, reserve.OnItemFailure));
        Assert.Equal((50, Sagas.Definitions.Model.ItemFailure.Continue), (pack.MaxParallel, pack.OnItemFailure));
    }

    [Fact]
    public void The_item_is_read_only_in_a_for_each_steps_input_and_compensation()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            input:
              lines: array
            steps:
              - id: reserve
                service: inventory
                for_each: $.input.lines
                when: length($.item) > 0
                input: { sku: $.item.sku }
              - id: ship
                service: shipping
                depends_on: [reserve]
                input: { line: $.index }
            output:
              sku: $.item.sku
            """);

        Assert.Equal(
            [(ErrorCodes.ItemOutsideForEach, 9, "reserve"), (ErrorCodes.ItemOutsideForEach, 14, "ship"), (ErrorCodes.ItemOutsideForEach, 16, null)],
            result.Errors.Select(e => (e.Code, e.Line, e.StepId)));
        Assert.Contains("'when', which is decided before any item", result.Errors[0].Message);
        Assert.Contains("step 'ship' has no for_each", result.Errors[1].Message);
    }

    [Fact]
    public void Its_settings_belong_to_a_for_each_step_that_calls_a_service()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                max_parallel: 3
                on_item_failure: continue
              - id: b
                for_each: "[1, 2]"
                wait_for: { signal: go, timeout: 1h }
              - id: c
                service: s
                for_each: "[1, 2]"
                max_parallel: 0
                on_item_failure: contnue
              - id: d
                service: s
                for_each: $.input.lines +
            """);

        Assert.Equal(
            [
                (ErrorCodes.InvalidForEach, 6, "a"),
                (ErrorCodes.InvalidForEach, 7, "a"),
                (ErrorCodes.InvalidForEach, 10, "b"),
                (ErrorCodes.InvalidForEach, 14, "c"),
                (ErrorCodes.InvalidForEach, 15, "c"),
                (ErrorCodes.InvalidExpression, 18, "d"),
            ],
            result.Errors.Select(e => (e.Code, e.Line, e.StepId)));
        Assert.Equal("only a step with 'for_each' takes 'max_parallel'", result.Errors[0].Message);
        Assert.Contains("did you mean 'continue'", result.Errors[4].Message);
    }
}
