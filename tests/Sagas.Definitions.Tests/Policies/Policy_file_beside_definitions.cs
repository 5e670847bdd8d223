using Sagas.Definitions.Loading;
using Sagas.Definitions.Policies;

namespace Sagas.Definitions.Tests.Policies;

public class Policy_file_beside_definitions : IDisposable
{
    private const string Orders = "id: orders\nversion: 1\nsteps:\n  - id: a\n    service: s\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("policies.yaml")]
    [InlineData("policies.yml")]
    [InlineData("policies.json")]
    public void Is_not_loaded_as_a_definition(string name)
    {
        var orders = _folder.Write("orders.yaml", Orders);
        _folder.Write(name, "orchestration: {}");

        Assert.Equal([orders], DefinitionSet.FilesIn(_folder.Path));
        Assert.True(DefinitionSet.LoadFolder(_folder.Path, new DefinitionLoader()).IsValid);
    }

    [Theory]
    [InlineData("policies.yaml")]
    [InlineData("policies.yml")]
    [InlineData("policies.json")]
    public void Is_found_by_its_name(string name)
    {
        _folder.Write("orders.yaml", Orders);
        var policies = _folder.Write(name, """{ "orchestration": {} }""");

        Assert.Equal(policies, DefinitionSet.PolicyFileIn(_folder.Path));
        Assert.True(new PolicyFileLoader().LoadFile(policies).IsValid);
    }

    [Fact]
    public void Is_looked_for_as_yaml_first()
    {
        _folder.Write("policies.json", "{}");
        var yaml = _folder.Write("policies.yaml", "orchestration: {}");

        Assert.Equal(yaml, DefinitionSet.PolicyFileIn(_folder.Path));
    }

    [Fact]
    public void Is_absent_from_a_folder_of_definitions_only()
    {
        _folder.Write("orders.yaml", Orders);
        _folder.Write("my-policies.yaml", Orders);

        Assert.Null(DefinitionSet.PolicyFileIn(_folder.Path));
        Assert.Equal(2, DefinitionSet.FilesIn(_folder.Path).Count);
    }

    [Fact]
    public void Reports_a_missing_file()
    {
        var result = new PolicyFileLoader().LoadFile(Path.Combine(_folder.Path, "policies.yaml"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("file-not-found", 1), (error.Code, error.Line));
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Refuses_what_a_definition_refuses()
    {
        var result = new PolicyFileLoader().Load("policies.yaml", "orchestration: &a {}\n"u8);

        Assert.Equal("yaml-anchor", Assert.Single(result.Errors).Code);
    }
}
