namespace Sagas.Definitions.Tests.HostileFiles;

/// <summary>A tag asks a loader to construct something; a definition never needs that.</summary>
public class When_yaml_uses_tags
{
    [Fact]
    public void Refuses_a_local_tag_at_its_position()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                input:
                  x: !custom 1
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("yaml-tag", 7, 10), (error.Code, error.Line, error.Column));
        Assert.Equal("YAML tag '!custom' is not allowed in definitions", error.Message);
    }

    [Fact]
    public void Refuses_a_verbatim_tag()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps: !<tag:example.com,2024:steps>
              - id: a
                service: s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("yaml-tag", 3), (error.Code, error.Line));
    }

    [Fact]
    public void Refuses_a_python_object_tag()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                input:
                  x: !!python/object/apply:os.system ["ls"]
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("yaml-tag", 7, 10), (error.Code, error.Line, error.Column));
    }

    [Fact]
    public void Accepts_the_core_schema_tags()
    {
        Load.ValidYaml("""
            id: !!str w
            version: 1
            steps: !!seq
              - !!map
                id: a
                service: s
            """);
    }
}
