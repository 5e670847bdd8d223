using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sagas.Cli.Errors;

/// <summary>What <c>sagas errors show</c> reports: the summary, every header and property, and the body.</summary>
internal sealed record ParkedMessageDetail(ParkedMessageSummary Message, JsonObject Headers, JsonObject Properties, JsonNode? Body, bool BodyIsJson) : ITextReport
{
    public static ParkedMessageDetail Of(ParkedMessage message)
    {
        var text = Encoding.UTF8.GetString(message.Body);
        try
        {
            return new ParkedMessageDetail(message.Summary(), message.Headers, message.Properties, JsonNode.Parse(text), true);
        }
        catch (JsonException)
        {
            return new ParkedMessageDetail(message.Summary(), message.Headers, message.Properties, JsonValue.Create(text), false);
        }
    }

    public void WriteText(TextWriter output)
    {
        output.WriteLine($"message {Message.Id} in {Message.Queue} (position {Message.Position}), from {Message.From}");
        output.WriteLine($"type:      {Message.Type}");
        output.WriteLine($"reason:    {Message.Reason ?? "-"}");
        output.WriteLine($"faulted:   {Message.FaultedAt ?? "-"}");
        output.WriteLine("properties:");
        WriteFields(output, Properties);
        output.WriteLine("headers:");
        WriteFields(output, Headers);
        output.WriteLine("body:");
        output.WriteLine(BodyIsJson ? Body?.ToJsonString(JsonOutput.Options) ?? "null" : Body?.GetValue<string>());
    }

    private static void WriteFields(TextWriter output, JsonObject fields)
    {
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "null";
            output.WriteLine($"  {name}: {text}");
        }
    }
}
