using System.Text;
using Sagas.Definitions.Loading;

namespace Sagas.Definitions.Tests.HostileFiles;

public class When_nesting_is_too_deep
{
    private static string Nested(int levels) => new string('[', levels) + "1" + new string(']', levels);

    [Fact]
    public void Refuses_yaml_nested_deeper_than_the_limit_at_the_first_node_too_deep()
    {
        var yaml = $"""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                input:
                  x: {Nested(10)}
            """;

        var result = new DefinitionLoader(DefinitionLimits.Default with { MaxDepth = 8 }).Load("deep.yaml", Encoding.UTF8.GetBytes(yaml));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("too-deep", 7), (error.Code, error.Line));
        Assert.Equal("nesting is deeper than 8 levels", error.Message);
    }

    [Fact]
    public void Refuses_yaml_nested_far_deeper_than_the_default_limit()
    {
        var result = Load.Yaml($"""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                input:
                  x: {Nested(5000)}
            """);

        Assert.Equal("too-deep", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Refuses_json_nested_far_deeper_than_the_default_limit_at_its_line()
    {
        var result = Load.Json($$"""
            {
              "id": "w",
              "version": 1,
              "steps": [ { "id": "a", "service": "s", "input": {
                "x": {{Nested(5000)}}
              } } ]
            }
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("too-deep", 5), (error.Code, error.Line));
        Assert.Equal("nesting is deeper than 32 levels", error.Message);
    }

    [Fact]
    public void Counts_levels_the_same_way_in_yaml_and_json()
    {
        var loader = new DefinitionLoader(DefinitionLimits.Default with { MaxDepth = 6 });

        // Root mapping, steps list, step mapping, input mapping: four levels before the value.
        static string Yaml(int levels) => $"id: w\nversion: 1\nsteps:\n  - id: a\n    service: s\n    input:\n      x: {Nested(levels)}\n";
        static string Json(int levels) => """{"id":"w","version":1,"steps":[{"id":"a","service":"s","input":{"x":""" + Nested(levels) + "}}]}";
        var yamlAtLimit = loader.Load("a.yaml", Encoding.UTF8.GetBytes(Yaml(2)));
        var yamlOver = loader.Load("b.yaml", Encoding.UTF8.GetBytes(Yaml(3)));
        var jsonAtLimit = loader.Load("a.json", Encoding.UTF8.GetBytes(Json(2)));
        var jsonOver = loader.Load("b.json", Encoding.UTF8.GetBytes(Json(3)));

        Assert.True(yamlAtLimit.IsValid, string.Join('\n', yamlAtLimit.Errors));
        Assert.True(jsonAtLimit.IsValid, string.Join('\n', jsonAtLimit.Errors));
        Assert.Equal("too-deep", Assert.Single(yamlOver.Errors).Code);
        Assert.Equal("too-deep", Assert.Single(jsonOver.Errors).Code);
    }

    [Fact]
    public void Accepts_the_nesting_of_a_real_definition_under_a_small_limit()
    {
        var yaml = """
            id: w
            version: 1
            steps:
              - id: a
                service: s
                input:
                  x: [1]
            """;

        var result = new DefinitionLoader(DefinitionLimits.Default with { MaxDepth = 6 }).Load("shallow.yaml", Encoding.UTF8.GetBytes(yaml));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }
}
