using System.Text;
using Sagas.Definitions.Loading;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Tests;

/// <summary>
/// Loads definition text the way the hosts load files: bytes under a display name; and runs it
/// through the JSON Schema, which must agree, so every validator test is a schema test too.
/// </summary>
internal static class Load
{
    /// <summary>The validator's verdict, after checking that the schema agrees with it (<see cref="Schema.SchemaAgreement"/>).</summary>
    public static DefinitionLoadResult Yaml(string text, string file = "test.yaml") => Checked(text, json: false, file);

    public static DefinitionLoadResult Json(string text, string file = "test.json") => Checked(text, json: true, file);

    private static DefinitionLoadResult Checked(string text, bool json, string file)
    {
        var result = new DefinitionLoader().Load(file, Encoding.UTF8.GetBytes(text));
        Schema.SchemaAgreement.Check(text, json, result);
        return result;
    }

    /// <summary>Loads YAML that must be valid, failing the test with every error otherwise.</summary>
    public static WorkflowDefinition ValidYaml(string text, string file = "test.yaml") => Valid(Yaml(text, file));

    public static WorkflowDefinition ValidJson(string text, string file = "test.json") => Valid(Json(text, file));

    public static WorkflowDefinition Valid(DefinitionLoadResult result)
    {
        Assert.True(result.IsValid, "expected a valid definition, got:\n" + string.Join("\n", result.Errors));
        return result.Definition!;
    }
}
