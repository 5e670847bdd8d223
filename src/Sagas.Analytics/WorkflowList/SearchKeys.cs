using System.Text.Json;
using System.Text.Json.Nodes;
using Sagas.Orchestration.Journal;

namespace Sagas.Analytics.WorkflowList;

/// <summary>
/// The values a workflow can be found by (<c>sagas workflows list --where FIELD=VALUE</c>): each
/// searchable input field its start recorded, with its value as text. A field left out of the
/// input, or given a non-scalar value, is not searchable for that run.
/// </summary>
public static class SearchKeys
{
    /// <summary>The longest value kept: a search names an id or a code, not a document.</summary>
    public const int MaxValueLength = 200;

    public static IEnumerable<(string Field, string Value)> Of(WorkflowStarted started)
    {
        foreach (var field in started.Searchable ?? [])
        {
            if (started.Input[field] is JsonValue value && TextOf(value) is { Length: <= MaxValueLength } text)
            {
                yield return (field, text);
            }
        }
    }

    /// <summary>A value as a search names it: a string as it is, a number or boolean as JSON writes it.</summary>
    public static string? TextOf(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
        _ => null,
    };
}
