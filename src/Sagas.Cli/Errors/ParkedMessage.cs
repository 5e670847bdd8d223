using System.Text;
using System.Text.Json.Nodes;

namespace Sagas.Cli.Errors;

/// <summary>A message in an error or skipped queue, as the management API shows it without taking it.</summary>
internal sealed record ParkedMessage(
    string Queue,
    int Position,
    string Id,
    string Type,
    string? Reason,
    string? FaultedAt,
    string From,
    JsonObject Headers,
    JsonObject Properties,
    byte[] Body)
{
    /// <summary>Reads one entry of <c>POST /api/queues/{vhost}/{queue}/get</c>.</summary>
    public static ParkedMessage FromManagementApi(string queue, int position, JsonObject entry)
    {
        // The API writes an empty property set as [] rather than {}.
        var properties = entry["properties"] as JsonObject ?? [];
        var headers = properties["headers"] as JsonObject ?? [];
        var otherProperties = new JsonObject(properties.Where(p => p.Key != "headers").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        var payload = entry["payload"]?.GetValue<string>() ?? string.Empty;
        var body = entry["payload_encoding"]?.GetValue<string>() == "base64" ? Convert.FromBase64String(payload) : Encoding.UTF8.GetBytes(payload);

        return new ParkedMessage(
            queue,
            position,
            MessageEnvelope.IdOf(properties["message_id"]?.GetValue<string>(), body),
            MessageEnvelope.Read(body).Type,
            Text(headers, FaultHeaders.Message) ?? Text(headers, FaultHeaders.Reason),
            Text(headers, FaultHeaders.Timestamp),
            ErrorQueue.SourceOf(queue, Text(headers, FaultHeaders.InputAddress)),
            (JsonObject)headers.DeepClone(),
            otherProperties,
            body);
    }

    public ParkedMessageSummary Summary() => new(Queue, Position, Id, Type, Reason, FaultedAt, From);

    private static string? Text(JsonObject headers, string name) =>
        headers[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
