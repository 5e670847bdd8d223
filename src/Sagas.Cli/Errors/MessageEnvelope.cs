using System.Security.Cryptography;
using System.Text.Json;

namespace Sagas.Cli.Errors;

/// <summary>What a parked body says about itself: MassTransit's JSON envelope, or nothing (a raw message).</summary>
internal sealed record MessageEnvelope(string? MessageId, string Type)
{
    public const string RawType = "(raw)";

    public static MessageEnvelope Read(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array
                && types.GetArrayLength() > 0 && types[0].GetString() is { } urn)
            {
                var id = root.TryGetProperty("messageId", out var messageId) && messageId.ValueKind == JsonValueKind.String ? messageId.GetString() : null;
                return new MessageEnvelope(id, TypeName(urn));
            }
        }
        catch (JsonException)
        {
            // Not JSON, so not an envelope.
        }

        return new MessageEnvelope(null, RawType);
    }

    /// <summary>
    /// The id an operator names a message by: its AMQP message id, else the envelope's, else (a raw
    /// message sent without one) a digest of the body, so every parked message can be named.
    /// </summary>
    public static string IdOf(string? amqpMessageId, ReadOnlySpan<byte> body)
    {
        if (!string.IsNullOrEmpty(amqpMessageId))
        {
            return amqpMessageId;
        }

        return Read(body).MessageId ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body))[..16];
    }

    // urn:message:Sagas.Contracts.Events:StepCompleted is Sagas.Contracts.Events.StepCompleted.
    private static string TypeName(string urn) =>
        urn.StartsWith("urn:message:", StringComparison.Ordinal) ? urn["urn:message:".Length..].Replace(':', '.') : urn;
}
