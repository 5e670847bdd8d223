using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sagas.Definitions.Expressions;

/// <summary>The JSON types expressions work with, and the checks that name a wrong one.</summary>
public static class ExpressionValues
{
    /// <summary>"null", "boolean", "number", "string", "array" or "object".</summary>
    public static string TypeOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonArray => "array",
        JsonObject => "object",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => "number",
            JsonValueKind.String => "string",
            _ => "null",
        },
        _ => "null",
    };

    /// <summary>A value for a message: its type and, when short, itself.</summary>
    public static string Describe(JsonNode? value)
    {
        var json = value?.ToJsonString() ?? "null";
        return json.Length <= 40 ? $"{TypeOf(value)} {json}" : $"{TypeOf(value)} {json[..37]}...";
    }

    public static double Number(JsonNode? value, string where) => TypeOf(value) == "number"
        ? AsDouble(value!.AsValue())
        : throw new ExpressionFailedException($"{where} needs a number, not {Describe(value)}");

    public static string Text(JsonNode? value, string where) => TypeOf(value) == "string"
        ? value!.GetValue<string>()
        : throw new ExpressionFailedException($"{where} needs text, not {Describe(value)}");

    public static bool Boolean(JsonNode? value, string where) => TypeOf(value) == "boolean"
        ? value!.GetValue<bool>()
        : throw new ExpressionFailedException($"{where} needs true or false, not {Describe(value)}");

    // A value read from JSON holds its element; one made in .NET (a count) holds an int.
    private static double AsDouble(JsonValue value) =>
        value.TryGetValue<double>(out var number) ? number : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
}
