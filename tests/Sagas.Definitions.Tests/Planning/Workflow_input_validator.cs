using System.Text.Json.Nodes;
using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;

namespace Sagas.Definitions.Tests.Planning;

/// <summary>Checks a start message's input against the fields the definition declares.</summary>
public class Workflow_input_validator
{
    private readonly WorkflowDefinition _definition = Load.ValidYaml("""
        id: w
        version: 1
        input:
          orderId: string
          amount: number
          quantity: integer
          rush: boolean
          note: { type: string, required: false }
          anything: { type: any, required: false }
        steps:
          - id: a
            service: s
        """);

    private static JsonObject ValidInput() => new()
    {
        ["orderId"] = "o-1",
        ["amount"] = 12.5m,
        ["quantity"] = 3,
        ["rush"] = false,
    };

    private IReadOnlyList<string> Problems(JsonNode? input) => WorkflowInputValidator.Validate(_definition, input);

    [Fact]
    public void Accepts_input_with_every_required_field_and_no_optional_one()
    {
        Assert.Empty(Problems(ValidInput()));
    }

    [Fact]
    public void Accepts_extra_fields_an_older_definition_does_not_read()
    {
        var input = ValidInput();
        input["couponCode"] = "SPRING";

        Assert.Empty(Problems(input));
    }

    [Fact]
    public void Reports_a_missing_required_field_with_its_type()
    {
        var input = ValidInput();
        input.Remove("orderId");

        Assert.Equal(["input lacks required field 'orderId' (string)"], Problems(input));
    }

    [Fact]
    public void Reports_a_required_field_set_to_null_as_missing()
    {
        var input = ValidInput();
        input["amount"] = null;

        Assert.Equal(["input lacks required field 'amount' (number)"], Problems(input));
    }

    [Fact]
    public void Reports_a_field_of_the_wrong_type()
    {
        var input = ValidInput();
        input["amount"] = "12.50";

        Assert.Equal(["input field 'amount' must be number, not string"], Problems(input));
    }

    [Fact]
    public void Checks_an_optional_field_when_it_is_present()
    {
        var input = ValidInput();
        input["note"] = 7;

        Assert.Equal(["input field 'note' must be string, not number"], Problems(input));
    }

    [Fact]
    public void Reports_every_problem_at_once()
    {
        var input = new JsonObject { ["amount"] = new JsonArray(), ["rush"] = "yes" };

        Assert.Equal(
            [
                "input lacks required field 'orderId' (string)",
                "input field 'amount' must be number, not array",
                "input lacks required field 'quantity' (integer)",
                "input field 'rush' must be boolean, not string",
            ],
            Problems(input));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("3.0")]
    [InlineData("1e2")]
    public void Accepts_a_whole_number_for_an_integer(string json)
    {
        var input = ValidInput();
        input["quantity"] = JsonNode.Parse(json);

        Assert.Empty(Problems(input));
    }

    [Fact]
    public void Refuses_a_fraction_for_an_integer_but_accepts_it_for_a_number()
    {
        var input = ValidInput();
        input["quantity"] = JsonNode.Parse("2.5");
        input["amount"] = JsonNode.Parse("2.5");

        Assert.Equal(["input field 'quantity' must be integer, not number"], Problems(input));
    }

    [Fact]
    public void Accepts_any_json_value_for_an_any_field()
    {
        var input = ValidInput();
        input["anything"] = new JsonArray(1, "two", new JsonObject());

        Assert.Empty(Problems(input));
    }

    [Theory]
    [InlineData("[1, 2]", "array")]
    [InlineData("\"o-1\"", "string")]
    [InlineData("42", "number")]
    public void Refuses_input_that_is_not_a_json_object(string json, string kind)
    {
        Assert.Equal([$"input must be a JSON object, not {kind}"], Problems(JsonNode.Parse(json)));
    }

    [Fact]
    public void Refuses_null_input()
    {
        Assert.Equal(["input must be a JSON object, not null"], Problems(null));
    }
}
