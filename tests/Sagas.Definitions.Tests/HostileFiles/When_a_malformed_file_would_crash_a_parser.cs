namespace Sagas.Definitions.Tests.HostileFiles;

/// <summary>Whatever the bytes, loading returns errors; it never throws.</summary>
public class When_a_malformed_file_would_crash_a_parser
{
    [Fact]
    public void Reports_an_unclosed_flow_list_followed_by_a_key_as_invalid_yaml()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps: [a
            output: {}
            """);

        Assert.Equal("invalid-yaml", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Reports_a_lone_surrogate_escape_in_json_as_invalid_json_at_its_line()
    {
        var result = Load.Json("""
            {
              "id": "w",
              "version": 1,
              "description": "\uD800",
              "steps": [ { "id": "a", "service": "s" } ]
            }
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("invalid-json", 4), (error.Code, error.Line));
    }

    [Fact]
    public void Reports_a_lone_surrogate_escape_in_yaml_as_invalid_yaml()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            description: "\uD800"
            steps:
              - id: a
                service: s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("invalid-yaml", 3), (error.Code, error.Line));
    }

    [Fact]
    public void Reports_a_mapping_used_as_a_key()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            ? { complex: key }
            : value
            steps:
              - id: a
                service: s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("invalid-key", 3), (error.Code, error.Line));
    }
}
