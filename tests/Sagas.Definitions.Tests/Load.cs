using System.Text;
using Sagas.Definitions.Loading;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Tests;

/// <summary>Loads definition text the way the hosts load files: bytes under a display name.</summary>
internal static class Load
{
    public static DefinitionLoadResult Yaml(string text, string file = "test.yaml") =>
        new DefinitionLoader().Load(file, Encoding.UTF8.GetBytes(text));

    public static DefinitionLoadResult Json(string text, string file = "test.json") =>
        new DefinitionLoader().Load(file, Encoding.UTF8.GetBytes(text));

    /// <summary>Loads YAML that must be valid, failing the test with every error otherwise.</summary>
    public static WorkflowDefinition ValidYaml(string text, string file = "test.yaml") => Valid(Yaml(text, file));

    public static WorkflowDefinition ValidJson(string text, string file = "test.json") => Valid(Json(text, file));

    public static WorkflowDefinition Valid(DefinitionLoadResult result)
    {
        Assert.True(result.IsValid, "expected a valid definition, got:\n" + string.Join("\n", result.Errors));
        return result.Definition!;
    }
}
