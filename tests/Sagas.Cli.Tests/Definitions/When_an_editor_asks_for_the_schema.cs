using System.Text.Json;
using Sagas.Testing;

namespace Sagas.Cli.Tests.Definitions;

/// <summary><c>sagas definitions schema</c> prints the schemas of docs/schema, for an editor's YAML language server.</summary>
public sealed class When_an_editor_asks_for_the_schema
{
    [Theory]
    [InlineData(new string[0], "definition.schema.json", "Sagas workflow definition")]
    [InlineData(new[] { "--policies" }, "policies.schema.json", "Sagas orchestration policies (policies.yaml)")]
    public async Task It_prints_the_schema_as_the_repository_holds_it(string[] flags, string file, string title)
    {
        var run = await CliRun.Of(["definitions", "schema", .. flags]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", "schema", file)), run.Output);
        using var schema = JsonDocument.Parse(run.Output);
        Assert.Equal(title, schema.RootElement.GetProperty("title").GetString());
    }
}
