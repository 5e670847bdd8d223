using System.Text;
using Sagas.Definitions.Loading;

namespace Sagas.Definitions.Tests.HostileFiles;

public class When_a_file_is_too_large
{
    private static readonly DefinitionLimits OneKilobyte = DefinitionLimits.Default with { MaxFileBytes = 1024 };

    private static byte[] ValidYamlOfSize(int bytes)
    {
        var yaml = """
            id: w
            version: 1
            steps:
              - id: a
                service: s

            """;
        return Encoding.UTF8.GetBytes(yaml + "#" + new string('x', bytes - yaml.Length - 1));
    }

    [Fact]
    public void Refuses_content_over_the_configured_limit_naming_size_limit_and_setting()
    {
        var result = new DefinitionLoader(OneKilobyte).Load("big.yaml", ValidYamlOfSize(1025));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("file-too-large", 1, null), (error.Code, error.Line, error.StepId));
        Assert.Equal("file is 1,025 bytes, over the limit of 1,024 (setting Sagas:Definitions:MaxFileBytes)", error.Message);
    }

    [Fact]
    public void Accepts_content_exactly_at_the_limit()
    {
        var result = new DefinitionLoader(OneKilobyte).Load("big.yaml", ValidYamlOfSize(1024));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Refuses_a_file_on_disk_over_the_configured_limit()
    {
        using var folder = new TempFolder();
        var path = folder.Write("big.yaml", ValidYamlOfSize(4096));

        var result = new DefinitionLoader(OneKilobyte).LoadFile(path);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("file-too-large", 1, path), (error.Code, error.Line, error.File));
        Assert.Contains("4,096 bytes", error.Message);
    }

    [Fact]
    public void Refuses_a_file_on_disk_over_the_default_limit()
    {
        using var folder = new TempFolder();
        var path = folder.Write("big.yaml", ValidYamlOfSize(DefinitionLimits.Default.MaxFileBytes + 1));

        var result = new DefinitionLoader().LoadFile(path);

        Assert.Equal("file-too-large", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Reports_a_missing_file_as_not_found()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "absent.yaml");

        var result = new DefinitionLoader().LoadFile(path);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("file-not-found", 1, path), (error.Code, error.Line, error.File));
    }
}
