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
    public void A_scalar_field_can_be_marked_searchable()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            input:
              orderId: { type: string, searchable: true }
              amount: number
            steps:
              - id: a
                service: s
            """);

        Assert.Equal([new InputField("orderId", JsonType.String, true, Searchable: true), new InputField("amount", JsonType.Number, true)], definition.Input);
    }

    [Fact]
    public void A_searchable_object_is_an_error_naming_the_field_and_its_line()
    {
        var error = Assert.Single(Load.Yaml("""
            id: w
            version: 1
            input:
              address:
                type: object
                searchable: true
            steps:
              - id: a
                service: s
            """).Errors);

        Assert.Equal((ErrorCodes.WrongType, 6), (error.Code, error.Line));
        Assert.Equal("input field 'address' is searchable but of type object; only a string, number, integer or boolean field can be searched for", error.Message);
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
