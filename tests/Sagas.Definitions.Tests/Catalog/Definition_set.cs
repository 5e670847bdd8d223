using Sagas.Definitions.Loading;

namespace Sagas.Definitions.Tests.Catalog;

/// <summary>A folder of definition files loaded into one catalog.</summary>
public class Definition_set : IDisposable
{
    private const string Orders = """
        id: orders
        version: 1
        steps:
          - id: a
            service: s
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reports_the_same_id_and_version_with_different_content_naming_the_other_file()
    {
        var first = _folder.Write("a-orders.yaml", Orders);
        var second = _folder.Write("b-orders.yaml", Orders.Replace("service: s", "service: t", StringComparison.Ordinal));

        var set = DefinitionSet.LoadFolder(_folder.Path, new DefinitionLoader());

        Assert.False(set.IsValid);
        var error = Assert.Single(set.Errors);
        Assert.Equal((second, 1, ErrorCodes.DuplicateDefinition), (error.File, error.Line, error.Code));
        Assert.Equal($"'orders' version 1 is also defined, differently, in {first}; give one of them a new version", error.Message);
        Assert.Equal(first, set.Catalog.Latest("orders")!.Source.File);
    }

    [Fact]
    public void A_child_workflow_must_be_one_of_the_sets_definitions()
    {
        _folder.Write("orders.yaml", Orders);
        _folder.Write("parent.yaml", """
            id: parent
            version: 1
            steps:
              - id: known
                workflow: orders
              - id: unknown
                workflow: ordres
            """);

        var set = DefinitionSet.LoadFolder(_folder.Path, new DefinitionLoader());

        var error = Assert.Single(set.Errors);
        Assert.Equal((7, "unknown", ErrorCodes.UnknownWorkflow), (error.Line, error.StepId, error.Code));
        Assert.StartsWith("the step starts workflow 'ordres', which no file here defines (known: orders, parent)", error.Message);
        Assert.Null(set.Catalog.Latest("parent"));
        Assert.NotNull(set.Catalog.Latest("orders"));
    }

    [Fact]
    public void Accepts_the_same_definition_copied_byte_for_byte()
    {
        _folder.Write("orders.yaml", Orders);
        _folder.Write("orders-copy.yaml", Orders);

        var set = DefinitionSet.LoadFolder(_folder.Path, new DefinitionLoader());

        Assert.True(set.IsValid, string.Join("\n", set.Errors));
        Assert.Single(set.Catalog.AllVersions());
    }

    [Fact]
    public void Registers_every_version_and_makes_the_highest_the_latest()
    {
        _folder.Write("orders-v2.yaml", Orders.Replace("version: 1", "version: 2", StringComparison.Ordinal));
        _folder.Write("orders-v1.yaml", Orders);

        var set = DefinitionSet.LoadFolder(_folder.Path, new DefinitionLoader());

        Assert.True(set.IsValid, string.Join("\n", set.Errors));
        Assert.Equal(2, set.Catalog.Latest("orders")!.Version);
        Assert.Equal([1, 2], set.Catalog.AllVersions().Select(d => d.Version));
    }

    [Fact]
    public void Reports_an_invalid_file_and_still_registers_the_valid_ones()
    {
        var broken = _folder.Write("broken.yaml", "id: broken\nversion: 1\nsteps: []\n");
        _folder.Write("orders.yaml", Orders);

        var set = DefinitionSet.LoadFolder(_folder.Path, new DefinitionLoader());

        Assert.False(set.IsValid);
        Assert.Equal([(broken, ErrorCodes.EmptyWorkflow)], set.Errors.Select(e => (e.File, e.Code)));
        Assert.NotNull(set.Catalog.Latest("orders"));
        Assert.Null(set.Catalog.Latest("broken"));
    }

    [Fact]
    public void Reads_only_definition_files_directly_in_the_folder_in_name_order()
    {
        _folder.Write("b.yml", Orders);
        _folder.Write("a.JSON", "{}");
        _folder.Write("c.yaml", Orders);
        _folder.Write("notes.txt", "not a definition");
        Directory.CreateDirectory(Path.Combine(_folder.Path, "nested"));
        _folder.Write(Path.Combine("nested", "d.yaml"), Orders);

        Assert.Equal(["a.JSON", "b.yml", "c.yaml"], DefinitionSet.FilesIn(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Throws_for_a_missing_folder_naming_it_and_the_setting()
    {
        var missing = Path.Combine(_folder.Path, "absent");

        var exception = Assert.Throws<DirectoryNotFoundException>(() => DefinitionSet.LoadFolder(missing, new DefinitionLoader()));

        Assert.Contains(missing, exception.Message);
        Assert.Contains("Sagas:Definitions:Path", exception.Message);
    }

    [Fact]
    public void Loads_the_files_a_person_named_reporting_a_missing_one()
    {
        var orders = _folder.Write("orders.yaml", Orders);
        var missing = Path.Combine(_folder.Path, "missing.yaml");

        var set = DefinitionSet.Load([orders, missing], new DefinitionLoader());

        Assert.Equal([(missing, ErrorCodes.FileNotFound)], set.Errors.Select(e => (e.File, e.Code)));
        Assert.NotNull(set.Catalog.Latest("orders"));
    }
}
