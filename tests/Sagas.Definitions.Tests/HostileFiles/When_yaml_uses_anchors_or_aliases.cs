namespace Sagas.Definitions.Tests.HostileFiles;

/// <summary>Anchors and aliases are refused outright, so an alias can never be expanded.</summary>
public class When_yaml_uses_anchors_or_aliases
{
    [Fact]
    public void Refuses_an_anchor_at_its_position()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                input: &shared
                  x: 1
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("yaml-anchor", 6, 12, null), (error.Code, error.Line, error.Column, error.StepId));
        Assert.Equal("YAML anchors (&shared) are not allowed in definitions; write the value out", error.Message);
    }

    [Fact]
    public void Refuses_an_alias_even_when_it_names_no_anchor()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                input:
                  x: *elsewhere
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("yaml-alias", 7, 10), (error.Code, error.Line, error.Column));
    }

    [Fact]
    public void Refuses_a_merge_key_built_on_an_anchor()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            defaults: &defaults
              service: s
            steps:
              - id: a
                <<: *defaults
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("yaml-anchor", 3), (error.Code, error.Line));
    }

    [Fact]
    public void Refuses_a_billion_laughs_bomb_at_its_first_anchor()
    {
        var result = Load.Yaml("""
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            """);

        Assert.Null(result.Definition);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("yaml-anchor", 1, 4), (error.Code, error.Line, error.Column));
    }
}
