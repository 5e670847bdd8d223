namespace Sagas.Definitions.Tests.HostileFiles;

public class When_a_yaml_file_holds_several_documents
{
    [Fact]
    public void Refuses_the_file_at_the_start_of_the_second_document()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
            ---
            id: v
            """);

        Assert.Null(result.Definition);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("multiple-documents", 6), (error.Code, error.Line));
    }

    [Fact]
    public void Accepts_one_document_with_explicit_start_and_end_markers()
    {
        Load.ValidYaml("""
            ---
            id: w
            version: 1
            steps:
              - id: a
                service: s
            ...
            """);
    }
}
