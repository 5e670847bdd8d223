using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.Events;

namespace Sagas.Cli.Workflows;

/// <summary>One event of a workflow's stream as <c>sagas history --json</c> writes it.</summary>
internal sealed record HistoryEntry(long Version, string Type, string? StepId, int? Attempt, DateTimeOffset Timestamp, JsonNode? Data)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Flags shown only when they are on.
    private static readonly HashSet<string> Flags = ["probe", "admitted", "admission", "compensation", "cancelled", "maybeCompleted"];

    public static HistoryEntry Of(IEvent @event)
    {
        var data = JsonSerializer.SerializeToNode(@event.Data, @event.Data.GetType(), Json);
        return new HistoryEntry(
            @event.Version,
            @event.Data.GetType().Name,
            data?["stepId"]?.GetValue<string>(),
            data?["attempt"]?.GetValue<int>(),
            @event.Timestamp,
            data);
    }

    /// <summary>The event's own fields, minus those already shown in their columns.</summary>
    public string Details()
    {
        if (Data is not JsonObject fields)
        {
            return string.Empty;
        }

        var shown = new HashSet<string> { "workflowId", "stepId", "attempt" };
        // Unset fields, empty lists and flags that are off (no endpoint, not a probe) say nothing; they are left out.
        return string.Join(" ", fields.Where(f => !shown.Contains(f.Key) && !f.Key.EndsWith("At", StringComparison.Ordinal) && !IsNothing(f.Key, f.Value))
            .Select(f => $"{f.Key}={f.Value?.ToJsonString(Json)}"));
    }

    private static bool IsNothing(string key, JsonNode? value) =>
        value is null or JsonArray { Count: 0 } || (Flags.Contains(key) && value is JsonValue flag && flag.TryGetValue<bool>(out var set) && !set);
}
