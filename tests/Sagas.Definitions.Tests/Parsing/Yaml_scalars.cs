using System.Text.Json;
using System.Text.Json.Nodes;
using Sagas.Definitions.Planning;

namespace Sagas.Definitions.Tests.Parsing;

/// <summary>Plain YAML scalars are typed by the YAML 1.2 core schema, not YAML 1.1's "yes means true".</summary>
public class Yaml_scalars
{
    private readonly JsonObject _literals = InputOfOnlyStep("""
        id: scalars
        version: 1
        steps:
          - id: a
            service: s
            input:
              whole: 10
              decimal: 1.5
              negative: -3
              exponent: 2e3
              quoted: "10"
              single_quoted: 'true'
              yes_word: yes
              on_word: on
              flag: true
              capital_flag: False
              null_word: null
              tilde: ~
              nothing:
              block: |
                two
                lines
              text: hello world
        """);

    private static JsonObject InputOfOnlyStep(string yaml)
    {
        var definition = Load.ValidYaml(yaml);
        var resolution = ValueResolver.Resolve(definition.Steps[0].Input, Progress.Start());
        Assert.True(resolution.Succeeded, resolution.Error);
        return resolution.Value;
    }

    private JsonValueKind KindOf(string field) => _literals[field]?.GetValueKind() ?? JsonValueKind.Null;

    [Theory]
    [InlineData("whole", "10")]
    [InlineData("decimal", "1.5")]
    [InlineData("negative", "-3")]
    [InlineData("exponent", "2000")]
    public void An_unquoted_number_is_a_number(string field, string json)
    {
        Assert.Equal(JsonValueKind.Number, KindOf(field));
        Assert.Equal(json, _literals[field]!.ToJsonString());
    }

    [Theory]
    [InlineData("quoted", "10")]
    [InlineData("single_quoted", "true")]
    public void A_quoted_scalar_is_a_string_whatever_it_looks_like(string field, string text)
    {
        Assert.Equal(JsonValueKind.String, KindOf(field));
        Assert.Equal(text, _literals[field]!.GetValue<string>());
    }

    [Theory]
    [InlineData("yes_word", "yes")]
    [InlineData("on_word", "on")]
    public void Yes_and_on_stay_strings(string field, string text)
    {
        Assert.Equal(JsonValueKind.String, KindOf(field));
        Assert.Equal(text, _literals[field]!.GetValue<string>());
    }

    [Fact]
    public void True_and_false_are_booleans_in_any_core_schema_spelling()
    {
        Assert.Equal(JsonValueKind.True, KindOf("flag"));
        Assert.Equal(JsonValueKind.False, KindOf("capital_flag"));
    }

    [Theory]
    [InlineData("null_word")]
    [InlineData("tilde")]
    [InlineData("nothing")]
    public void Null_tilde_and_an_empty_value_are_null(string field)
    {
        Assert.True(_literals.ContainsKey(field));
        Assert.Null(_literals[field]);
    }

    [Fact]
    public void Other_plain_text_and_block_scalars_are_strings()
    {
        Assert.Equal("hello world", _literals["text"]!.GetValue<string>());
        Assert.Equal("two\nlines\n", _literals["block"]!.GetValue<string>());
    }

    [Fact]
    public void A_core_schema_str_tag_makes_a_number_a_string()
    {
        var input = InputOfOnlyStep("""
            id: tagged
            version: 1
            steps:
              - id: a
                service: s
                input:
                  code: !!str 10
            """);

        Assert.Equal(JsonValueKind.String, input["code"]!.GetValueKind());
        Assert.Equal("10", input["code"]!.GetValue<string>());
    }
}
