using System.Text.Json.Nodes;
using Sagas.Definitions.Planning;

namespace Sagas.Definitions.Tests.Mapping;

/// <summary>A number literal in a mapping must survive as JSON when the step's command is sent.</summary>
public class Number_literals
{
    [Theory]
    [InlineData("0.1", "0.1")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    [InlineData("1.50", "1.50")]
    public void Keep_their_decimal_value_when_written_as_json(string yaml, string json)
    {
        Assert.Equal($$"""{"x":{{json}}}""", ResolvedInput(yaml).ToJsonString());
    }

    [Fact]
    public void Refuse_a_number_too_large_for_json_when_the_definition_loads()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                input:
                  x: 1e400
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(7, error.Line);
    }

    private static JsonObject ResolvedInput(string number)
    {
        var definition = Load.ValidYaml($"""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                input:
                  x: {number}
            """);
        var resolution = ValueResolver.Resolve(definition.Steps[0].Input, Progress.Start());
        Assert.True(resolution.Succeeded, resolution.Error);
        return resolution.Value;
    }
}
