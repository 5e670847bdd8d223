using System.Text.Json.Nodes;
using Sagas.Definitions.Loading;
using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;
using Sagas.Samples;

namespace Sagas.Definitions.Tests.Mapping;

/// <summary>The workflow's result, resolved with <see cref="ValueResolver"/> once every step is done.</summary>
public class Output_mapping
{
    private static WorkflowDefinition OrderFulfilment() =>
        Load.Valid(new DefinitionLoader().LoadFile(Path.Combine(SampleDefinitions.Folder, "order-fulfilment.yaml")));

    private static WorkflowProgress FinishedOrder() =>
        Progress.Start(new JsonObject { ["orderId"] = "o-7", ["amount"] = 30 })
            .Completed("reserve-inventory", new JsonObject { ["reservationId"] = "r-1" })
            .Completed("charge-payment", new JsonObject { ["paymentId"] = "p-2" })
            .Completed("check-fraud", new JsonObject { ["score"] = 3 })
            .Completed("ship", new JsonObject { ["trackingNumber"] = "T-3" })
            .Completed("notify");

    [Fact]
    public void Resolves_the_sample_output_from_the_input_and_the_step_outputs()
    {
        var resolution = ValueResolver.Resolve(OrderFulfilment().Output, FinishedOrder());

        Assert.True(resolution.Succeeded, resolution.Error);
        Assert.Equal("""{"orderId":"o-7","paymentId":"p-2","trackingNumber":"T-3"}""", resolution.Value.ToJsonString());
    }

    [Fact]
    public void Fails_naming_the_step_when_a_step_it_reads_has_not_completed()
    {
        var progress = Progress.Start(new JsonObject { ["orderId"] = "o-7", ["amount"] = 30 })
            .Completed("charge-payment", new JsonObject { ["paymentId"] = "p-2" });

        var resolution = ValueResolver.Resolve(OrderFulfilment().Output, progress);

        Assert.Equal("'$.steps.ship.output.trackingNumber': step 'ship' has not completed", resolution.Error);
    }

    [Fact]
    public void Fails_naming_the_reference_when_a_step_output_lacks_the_field()
    {
        var progress = FinishedOrder().Completed("ship", new JsonObject { ["carrier"] = "fast-post" });

        var resolution = ValueResolver.Resolve(OrderFulfilment().Output, progress);

        Assert.Equal("'$.steps.ship.output.trackingNumber': the output of step 'ship' has no 'trackingNumber'", resolution.Error);
    }

    [Fact]
    public void Fails_when_a_path_goes_below_a_null_output()
    {
        var resolution = ValueResolver.Resolve(OrderFulfilment().Output, FinishedOrder().Completed("ship", output: null));

        Assert.Equal("'$.steps.ship.output.trackingNumber': the output of step 'ship' has no 'trackingNumber'", resolution.Error);
    }

    [Fact]
    public void Builds_nested_objects_and_lists_with_literals_and_references()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            input:
              orderId: string
            steps:
              - id: a
                service: s
              - id: b
                service: s
            output:
              summary:
                order: $.input.orderId
                results: [$.steps.a.output.value, $.steps.b.output, 3, null]
                escaped: $$.not.a.reference
              workflow: $.workflow.id
            """);
        var progress = Progress.Start(new JsonObject { ["orderId"] = "o-1" }, workflowId: "wf-9")
            .Completed("a", new JsonObject { ["value"] = true })
            .Completed("b", new JsonArray("x", "y"));

        var resolution = ValueResolver.Resolve(definition.Output, progress);

        Assert.True(resolution.Succeeded, resolution.Error);
        Assert.Equal(
            """{"summary":{"order":"o-1","results":[true,["x","y"],3,null],"escaped":"$.not.a.reference"},"workflow":"wf-9"}""",
            resolution.Value.ToJsonString());
    }

    [Fact]
    public void Is_an_empty_object_when_the_definition_declares_no_output()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
            """);

        var resolution = ValueResolver.Resolve(definition.Output, Progress.Start().Completed("a"));

        Assert.True(resolution.Succeeded);
        Assert.Equal("{}", resolution.Value.ToJsonString());
    }
}
