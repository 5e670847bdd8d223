using System.Text.Json;
using System.Text.Json.Nodes;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Planning;

/// <summary>
/// Checks a start message's input against the fields the definition declares: each required
/// field present, each present field of its declared JSON type. Extra fields are allowed, so
/// clients can send more than an older version of a definition reads.
/// </summary>
public static class WorkflowInputValidator
{
    public static IReadOnlyList<string> Validate(WorkflowDefinition definition, JsonNode? input)
    {
        if (input is not JsonObject fields)
        {
            return [$"input must be a JSON object, not {Kind(input)}"];
        }

        var problems = new List<string>();
        foreach (var field in definition.Input)
        {
            if (!fields.TryGetPropertyValue(field.Name, out var value) || value is null)
            {
                if (field.Required)
                {
                    problems.Add($"input lacks required field '{field.Name}' ({field.Type.ToString().ToLowerInvariant()})");
                }

                continue;
            }

            if (!Matches(field.Type, value))
            {
                problems.Add($"input field '{field.Name}' must be {field.Type.ToString().ToLowerInvariant()}, not {Kind(value)}");
            }
        }

        return problems;
    }

    private static bool Matches(JsonType type, JsonNode value) => type switch
    {
        JsonType.Any => true,
        JsonType.Object => value is JsonObject,
        JsonType.Array => value is JsonArray,
        JsonType.String => value.GetValueKind() == JsonValueKind.String,
        JsonType.Boolean => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        JsonType.Number => value.GetValueKind() == JsonValueKind.Number,
        JsonType.Integer => value.GetValueKind() == JsonValueKind.Number && IsWhole(value),
        _ => false,
    };

    private static bool IsWhole(JsonNode value) => decimal.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float,
        System.Globalization.CultureInfo.InvariantCulture, out var number) && decimal.Truncate(number) == number;

    private static string Kind(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.Value.ToString().ToLowerInvariant(),
    };
}
