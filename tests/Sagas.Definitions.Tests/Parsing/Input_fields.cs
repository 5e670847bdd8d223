using Sagas.Definitions.Model;

namespace Sagas.Definitions.Tests.Parsing;

public class Input_fields
{
    [Fact]
    public void A_field_written_as_name_and_type_is_required()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            input:
              orderId: string
              amount: number
              count: integer
              rush: boolean
              address: object
              lines: array
              extra: any
            steps:
              - id: a
                service: s
            """);

        Assert.Equal(
            [
                new InputField("orderId", JsonType.String, true),
                new InputField("amount", JsonType.Number, true),
                new InputField("count", JsonType.Integer, true),
                new InputField("rush", JsonType.Boolean, true),
                new InputField("address", JsonType.Object, true),
                new InputField("lines", JsonType.Array, true),
                new InputField("extra", JsonType.Any, true),
            ],
            definition.Input);
    }

    [Fact]
    public void The_long_form_can_make_a_field_optional()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            input:
              note: { type: string, required: false }
              amount:
                type: number
                required: true
                description: what to charge
            steps:
              - id: a
                service: s
            """);

        Assert.Equal([new InputField("note", JsonType.String, false), new InputField("amount", JsonType.Number, true)], definition.Input);
    }

    [Fact]
    public void The_long_form_without_a_type_accepts_any_value()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            input:
              payload: { required: false }
            steps:
              - id: a
                service: s
            """);

        Assert.Equal(new InputField("payload", JsonType.Any, false), Assert.Single(definition.Input));
    }

    [Fact]
    public void A_workflow_without_input_declares_no_fields()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
            """);

        Assert.Empty(definition.Input);
    }
}
