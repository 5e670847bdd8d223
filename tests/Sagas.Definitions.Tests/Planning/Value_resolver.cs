using System.Text.Json.Nodes;
using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;

namespace Sagas.Definitions.Tests.Planning;

/// <summary>How a ready step's input is computed from the workflow input and upstream outputs.</summary>
public class Value_resolver
{
    private readonly WorkflowDefinition _definition = Load.ValidYaml("""
        id: w
        version: 1
        input:
          orderId: string
          customer: object
        steps:
          - id: reserve
            service: inventory
          - id: ship
            service: shipping
            depends_on: [reserve]
            input:
              orderId: $.input.orderId
              city: $.input.customer.address.city
              customer: $.input.customer
              reservation: $.steps.reserve.output.reservationId
              firstSku: $.steps.reserve.output.lines.0.sku
              secondQuantity: $.steps.reserve.output.lines.1.quantity
              everything: $.steps.reserve.output
              instance: $.workflow.id
              carrier: fast-post
        """);

    private static JsonObject Input() => new()
    {
        ["orderId"] = "o-1",
        ["customer"] = new JsonObject { ["name"] = "Ada", ["address"] = new JsonObject { ["city"] = "Leeds" } },
    };

    private static JsonObject ReserveOutput() => new()
    {
        ["reservationId"] = "r-9",
        ["lines"] = new JsonArray(
            new JsonObject { ["sku"] = "SKU-1", ["quantity"] = 1 },
            new JsonObject { ["sku"] = "SKU-2", ["quantity"] = 4 }),
    };

    private static WorkflowProgress AfterReserve() => AfterReserve(ReserveOutput());

    private static WorkflowProgress AfterReserve(JsonNode output) =>
        Progress.Start(Input(), workflowId: "order-42").Completed("reserve", output);

    private JsonObject ResolvedShipInput(WorkflowProgress progress)
    {
        var resolution = ValueResolver.Resolve(_definition.FindStep("ship")!.Input, progress);
        Assert.True(resolution.Succeeded, resolution.Error);
        return resolution.Value;
    }

    [Fact]
    public void Reads_workflow_input_fields_and_paths_below_them()
    {
        var input = ResolvedShipInput(AfterReserve());

        Assert.Equal("o-1", input["orderId"]!.GetValue<string>());
        Assert.Equal("Leeds", input["city"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(Input()["customer"], input["customer"]));
    }

    [Fact]
    public void Reads_upstream_outputs_whole_by_field_and_by_list_index()
    {
        var input = ResolvedShipInput(AfterReserve());

        Assert.Equal("r-9", input["reservation"]!.GetValue<string>());
        Assert.Equal("SKU-1", input["firstSku"]!.GetValue<string>());
        Assert.Equal(4, input["secondQuantity"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(ReserveOutput(), input["everything"]));
    }

    [Fact]
    public void Reads_the_workflow_id_and_keeps_literals()
    {
        var input = ResolvedShipInput(AfterReserve());

        Assert.Equal("order-42", input["instance"]!.GetValue<string>());
        Assert.Equal("fast-post", input["carrier"]!.GetValue<string>());
    }

    [Fact]
    public void Fails_naming_the_reference_when_an_upstream_output_lacks_the_field()
    {
        var output = ReserveOutput();
        output.Remove("reservationId");

        var resolution = ValueResolver.Resolve(_definition.FindStep("ship")!.Input, AfterReserve(output));

        Assert.False(resolution.Succeeded);
        Assert.Null(resolution.Value);
        Assert.Equal("'$.steps.reserve.output.reservationId': the output of step 'reserve' has no 'reservationId'", resolution.Error);
    }

    [Fact]
    public void Fails_when_a_list_index_is_past_the_end()
    {
        var output = ReserveOutput();
        output["lines"]!.AsArray().RemoveAt(1);

        var resolution = ValueResolver.Resolve(_definition.FindStep("ship")!.Input, AfterReserve(output));

        Assert.Equal("'$.steps.reserve.output.lines.1.quantity': the output of step 'reserve' has no '1'", resolution.Error);
    }

    [Fact]
    public void Reads_an_absent_optional_input_field_as_null()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            input:
              note: { type: string, required: false }
            steps:
              - id: a
                service: s
                input:
                  note: $.input.note
            """);

        var resolution = ValueResolver.Resolve(definition.FindStep("a")!.Input, Progress.Start([]));

        Assert.Equal("""{"note":null}""", resolution.Value!.ToJsonString());
    }

    [Fact]
    public void Fails_when_an_optional_input_field_is_absent_and_a_step_reads_it()
    {
        var input = Input();
        input.Remove("customer");

        var resolution = ValueResolver.Resolve(_definition.FindStep("ship")!.Input, Progress.Start(input).Completed("reserve", ReserveOutput()));

        Assert.Equal("'$.input.customer.address.city': the workflow input has no 'customer'", resolution.Error);
    }

    [Fact]
    public void Gives_the_failed_resolution_to_the_planned_step_so_it_can_fail_visibly()
    {
        var planned = Assert.Single(AfterReserve(new JsonObject()).Decide(_definition).Run);

        Assert.Equal("ship", planned.Step.Id);
        Assert.False(planned.Input.Succeeded);
        Assert.Contains("$.steps.reserve.output.reservationId", planned.Input.Error);
    }

    [Fact]
    public void Resolves_deep_copies_so_changing_a_result_changes_no_state()
    {
        var progress = AfterReserve();
        var input = ResolvedShipInput(progress);

        input["customer"]!["address"]!["city"] = "York";
        input["everything"]!["lines"]!.AsArray().Clear();
        input["carrier"] = "changed";

        Assert.Equal("Leeds", progress.Input["customer"]!["address"]!["city"]!.GetValue<string>());
        Assert.Equal(2, progress.CompletedOutputs["reserve"]!["lines"]!.AsArray().Count);
        Assert.Equal("fast-post", ResolvedShipInput(progress)["carrier"]!.GetValue<string>());
    }

    [Fact]
    public void Resolves_an_empty_mapping_to_an_empty_object()
    {
        var resolution = ValueResolver.Resolve(_definition.FindStep("reserve")!.Input, Progress.Start());

        Assert.True(resolution.Succeeded);
        Assert.Empty(resolution.Value);
    }
}
