using Sagas.Definitions.Loading;
using Sagas.Definitions.Model;
using Sagas.Samples;

namespace Sagas.Definitions.Tests.Parsing;

public class Sample_definitions
{
    private static string SampleFile(string name) => Path.Combine(SampleDefinitions.Folder, name);

    [Fact]
    public void Are_copied_beside_the_test_output_where_SampleDefinitions_Folder_points()
    {
        Assert.True(Directory.Exists(SampleDefinitions.Folder), $"missing folder {SampleDefinitions.Folder}");
        var files = DefinitionSet.FilesIn(SampleDefinitions.Folder).Select(Path.GetFileName).ToList();
        Assert.Contains("customer-onboarding.json", files);
        Assert.Contains("order-fulfilment.yaml", files);
    }

    [Fact]
    public void Order_fulfilment_yaml_loads_valid_with_its_graph_as_written()
    {
        var definition = Load.Valid(new DefinitionLoader().LoadFile(SampleFile("order-fulfilment.yaml")));

        Assert.Equal(("order-fulfilment", 1), (definition.Id, definition.Version));
        Assert.Equal([new InputField("orderId", JsonType.String, true, Searchable: true), new InputField("amount", JsonType.Number, true), new InputField("lines", JsonType.Array, false), new InputField("region", JsonType.String, false), new InputField("giftWrap", JsonType.Boolean, false), new InputField("simulate", JsonType.Object, false)], definition.Input);
        Assert.Equal(["reserve-inventory", "reserve-lines", "charge-payment", "check-fraud", "gift-wrap", "manual-review", "ship", "notify"], definition.Steps.Select(s => s.Id));
        Assert.Equal(["reserve-lines", "charge-payment", "check-fraud", "gift-wrap", "manual-review"], definition.FindStep("ship")!.DependsOn);
        Assert.Equal(("$.input.lines", 5), (definition.FindStep("reserve-lines")!.ForEach!.Items.Text, definition.FindStep("reserve-lines")!.ForEach!.MaxParallel));
        Assert.Equal(("approve", TimeSpan.FromHours(24)), (definition.FindStep("manual-review")!.WaitFor!.Signal, definition.FindStep("manual-review")!.Timeout));
        Assert.Equal(StepJoin.AllDone, definition.FindStep("ship")!.Join);
        Assert.Equal("$.input.giftWrap == true", definition.FindStep("gift-wrap")!.When!.Text);
        Assert.Equal(("payment", 60), (definition.FindStep("charge-payment")!.Service, definition.FindStep("charge-payment")!.Line));
        Assert.Equal(["payment-eu", "payment"], definition.FindStep("charge-payment")!.Services);
        Assert.Equal(["orderId", "paymentId", "trackingNumber"], definition.Output.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Order_fulfilment_yaml_undoes_the_reservation_and_the_payment_and_bounds_the_charge()
    {
        var definition = Load.Valid(new DefinitionLoader().LoadFile(SampleFile("order-fulfilment.yaml")));

        var reserve = definition.FindStep("reserve-inventory")!.Compensation!;
        Assert.Equal(("inventory", 30), (reserve.Service, reserve.Line));
        Assert.Equal(["orderId", "reservationId", "release", "simulate"], reserve.Input.Fields.Select(f => f.Name));
        var charge = definition.FindStep("charge-payment")!;
        Assert.Equal(("payment", 79), (charge.Compensation!.Service, charge.Compensation.Line));
        Assert.Equal(["orderId", "paymentId", "refund", "simulate"], charge.Compensation.Input.Fields.Select(f => f.Name));
        Assert.Equal(TimeSpan.FromSeconds(10), charge.Timeout);
        Assert.Equal("payment-eu", charge.ForCase("europe").Compensation!.Service);
        Assert.Equal(
            ["check-fraud", "gift-wrap", "ship", "notify"],
            definition.Steps.Where(s => s.Compensation is null && s.Timeout is null && s.Retry is null).Select(s => s.Id));
        Assert.Null(definition.Deadline);
    }

    [Fact]
    public void Customer_onboarding_json_loads_valid_with_an_optional_input_field()
    {
        var definition = Load.Valid(new DefinitionLoader().LoadFile(SampleFile("customer-onboarding.json")));

        Assert.Equal(("customer-onboarding", 1), (definition.Id, definition.Version));
        Assert.Equal(new InputField("country", JsonType.String, Required: false), definition.Input[2]);
        Assert.Equal(["screen-customer", "open-account", "send-welcome"], definition.Steps.Select(s => s.Id));
        Assert.Equal([11, 16, 22], definition.Steps.Select(s => s.Line));
    }

    [Fact]
    public void Pin_the_sha256_of_their_bytes_and_the_path_they_were_loaded_from()
    {
        var path = SampleFile("order-fulfilment.yaml");

        var definition = Load.Valid(new DefinitionLoader().LoadFile(path));

        Assert.Equal(ContentHash.Of(File.ReadAllBytes(path)), definition.Source.ContentHash);
        Assert.Equal(64, definition.Source.ContentHash.Length);
        Assert.Equal(path, definition.Source.File);
    }

    [Fact]
    public void Load_together_as_a_valid_folder_into_one_catalog()
    {
        var set = DefinitionSet.LoadFolder(SampleDefinitions.Folder, new DefinitionLoader());

        Assert.True(set.IsValid, string.Join("\n", set.Errors));
        Assert.NotNull(set.Catalog.Latest("customer-onboarding"));
        Assert.NotNull(set.Catalog.Latest("order-fulfilment"));
    }
}
