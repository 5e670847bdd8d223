using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Sagas.Definitions.Schema;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Tests.Schema;

/// <summary>
/// A definition's text as an editor's schema check sees it: read into the tree both formats read
/// into, as JSON, and evaluated against <c>docs/schema/definition.schema.json</c>.
/// </summary>
internal static class SchemaCheck
{
    public static readonly JsonSchema DefinitionSchema = JsonSchema.FromText(DefinitionSchemas.Definition);

    /// <summary>Null when the text cannot be read into a tree at all (invalid YAML, an alias, too deep …): no schema sees such a file either.</summary>
    public static JsonNode? Document(string text, bool json, out bool readable)
    {
        try
        {
            readable = true;
            return ToJson(json ? JsonSourceReader.Read(text, DefinitionLimits.Default) : YamlSourceReader.Read(text, DefinitionLimits.Default));
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            readable = false;
            return null;
        }
    }

    public static EvaluationResults Evaluate(JsonSchema schema, JsonNode? document) =>
        schema.Evaluate(JsonSerializer.SerializeToElement(document), new EvaluationOptions { OutputFormat = OutputFormat.List });

    public static string Describe(EvaluationResults result) =>
        JsonSerializer.Serialize((result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}"));

    public static JsonNode? ToJson(SourceNode node) => node switch
    {
        SourceMapping mapping => new JsonObject(mapping.Entries.DistinctBy(e => e.Key.Text).Select(e => KeyValuePair.Create(e.Key.Text, ToJson(e.Value)))),
        SourceSequence sequence => new JsonArray([.. sequence.Items.Select(ToJson)]),
        SourceScalar { Kind: ScalarKind.Number } number => JsonNode.Parse(number.Text),
        SourceScalar { Kind: ScalarKind.Boolean } flag => JsonValue.Create(flag.Text is "true" or "True" or "TRUE"),
        SourceScalar { Kind: ScalarKind.Null } => null,
        SourceScalar text => JsonValue.Create(text.Text),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };
}
