namespace Sagas.Definitions.Tests.Validation;

public class When_yaml_is_invalid
{
    [Fact]
    public void Reports_one_invalid_yaml_error_at_the_line_and_column_of_the_problem()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s: x
            """);

        Assert.False(result.IsValid);
        Assert.Null(result.Definition);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("invalid-yaml", 5, 15, null), (error.Code, error.Line, error.Column, error.StepId));
        Assert.StartsWith("invalid YAML: ", error.Message);
        Assert.DoesNotContain("(Line", error.Message);
    }

    [Fact]
    public void Reports_an_unterminated_quote_at_the_line_where_it_opens()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            description: "never closed
            steps: []
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("invalid-yaml", 3, null), (error.Code, error.Line, error.StepId));
    }

    [Fact]
    public void Names_the_file_in_each_error()
    {
        var result = Load.Yaml("a: b: c", file: "flows/broken.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal("flows/broken.yaml", error.File);
        Assert.StartsWith("flows/broken.yaml:1:", error.ToString());
        Assert.EndsWith("[invalid-yaml]", error.ToString());
    }

    [Fact]
    public void Reports_a_document_that_is_not_a_mapping_as_a_wrong_type()
    {
        var result = Load.Yaml("""
            - id: a
              service: s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("wrong-type", 1), (error.Code, error.Line));
        Assert.Contains("not a list", error.Message);
    }
}
