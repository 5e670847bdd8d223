using System.Text.Json.Nodes;
using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;

namespace Sagas.Definitions.Tests.Parsing;

/// <summary>How input and output mappings are read: references, literals, escapes and nesting.</summary>
public class Value_mappings
{
    private readonly WorkflowDefinition _definition = Load.ValidYaml("""
        id: w
        version: 1
        input:
          orderId: string
          lines: array
        steps:
          - id: a
            service: s
          - id: b
            service: s
            depends_on: [a]
            input:
              price: $$.99
              dollar: $5
              order:
                id: $.input.orderId
                reservation: $.steps.a.output.reservationId
                tags: [fast, $.workflow.id]
              lines:
                - sku: $.input.lines.0.sku
                  quantity: 2
        """);

    private ValueExpression Field(string name) => _definition.FindStep("b")!.Input.Fields.Single(f => f.Name == name).Value;

    [Fact]
    public void A_double_dollar_escape_is_a_literal_starting_with_dollar_dot()
    {
        var price = Assert.IsType<LiteralExpression>(Field("price"));

        Assert.Equal("$.99", price.Value!.GetValue<string>());
    }

    [Fact]
    public void A_dollar_without_a_dot_is_an_ordinary_literal()
    {
        var dollar = Assert.IsType<LiteralExpression>(Field("dollar"));

        Assert.Equal("$5", dollar.Value!.GetValue<string>());
    }

    [Fact]
    public void Fields_keep_the_order_they_were_written_in()
    {
        Assert.Equal(["price", "dollar", "order", "lines"], _definition.FindStep("b")!.Input.Fields.Select(f => f.Name));
    }

    [Fact]
    public void A_nested_object_holds_references_with_their_own_lines()
    {
        var order = Assert.IsType<ObjectExpression>(Field("order"));

        var reservation = Assert.IsType<ReferenceExpression>(order.Fields[1].Value);
        Assert.Equal(17, reservation.Line);
        Assert.Equal((ReferenceSource.StepOutput, "a", "reservationId"), (reservation.Reference.Source, reservation.Reference.StepId, string.Join('.', reservation.Reference.Path)));
    }

    [Fact]
    public void Every_reference_in_a_mapping_is_found_however_deeply_nested()
    {
        Assert.Equal(
            ["$.input.orderId", "$.steps.a.output.reservationId", "$.workflow.id", "$.input.lines.0.sku"],
            _definition.FindStep("b")!.Input.References().Select(r => r.Reference.Text));
    }

    [Fact]
    public void Nested_objects_and_lists_resolve_to_json_of_the_same_shape()
    {
        var input = new JsonObject { ["orderId"] = "o-1", ["lines"] = new JsonArray(new JsonObject { ["sku"] = "SKU-9" }) };
        var progress = Progress.Start(input, workflowId: "wf-7").Completed("a", new JsonObject { ["reservationId"] = "r-3" });

        var resolution = ValueResolver.Resolve(_definition.FindStep("b")!.Input, progress);

        Assert.True(resolution.Succeeded, resolution.Error);
        Assert.Equal(
            """{"price":"$.99","dollar":"$5","order":{"id":"o-1","reservation":"r-3","tags":["fast","wf-7"]},"lines":[{"sku":"SKU-9","quantity":2}]}""",
            resolution.Value.ToJsonString());
    }
}
