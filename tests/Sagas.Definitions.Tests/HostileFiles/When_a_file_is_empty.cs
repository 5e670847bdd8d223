namespace Sagas.Definitions.Tests.HostileFiles;

public class When_a_file_is_empty
{
    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# only a comment\n")]
    public void Refuses_a_yaml_file_with_no_document(string text)
    {
        var result = Load.Yaml(text);

        Assert.Null(result.Definition);
        Assert.Equal("empty-file", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Refuses_an_empty_json_file()
    {
        var result = Load.Json("");

        Assert.Null(result.Definition);
        Assert.Single(result.Errors);
    }

    [Fact]
    public void Refuses_an_empty_yaml_mapping_listing_what_is_missing()
    {
        var result = Load.Yaml("{}");

        Assert.Equal(["missing-key", "missing-key", "empty-workflow"], result.Errors.Select(e => e.Code));
    }
}
