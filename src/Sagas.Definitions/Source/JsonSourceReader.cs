using System.Text;
using System.Text.Json;

namespace Sagas.Definitions.Source;

/// <summary>
/// Reads JSON into <see cref="SourceNode"/>s with exact line numbers, which
/// <see cref="JsonDocument"/> does not keep: positions come from each token's byte offset.
/// </summary>
public static class JsonSourceReader
{
    public static SourceNode Read(string text, DefinitionLimits limits)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new LineIndex(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            // One more than ours, so the reader's own limit never fires before ours does.
            MaxDepth = limits.MaxDepth + 1,
        });

        try
        {
            reader.Read();
            var root = ReadValue(ref reader, lines, depth: 1, limits);
            if (reader.Read())
            {
                throw new SourceRejectedException(ErrorCodes.InvalidJson, "invalid JSON: text after the end of the document", lines.PositionOf(reader.TokenStartIndex));
            }

            return root;
        }
        catch (JsonException e)
        {
            var position = new SourcePosition((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
            throw new SourceRejectedException(ErrorCodes.InvalidJson, $"invalid JSON: {FirstSentence(e.Message)}", position);
        }
    }

    private static SourceNode ReadValue(ref Utf8JsonReader reader, LineIndex lines, int depth, DefinitionLimits limits)
    {
        var position = lines.PositionOf(reader.TokenStartIndex);
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && depth > limits.MaxDepth)
        {
            throw new SourceRejectedException(ErrorCodes.TooDeep, $"nesting is deeper than {limits.MaxDepth} levels", position);
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var entries = new List<SourceEntry>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var keyPosition = lines.PositionOf(reader.TokenStartIndex);
                    var key = new SourceScalar(keyPosition, ReadString(ref reader, keyPosition), ScalarKind.String);
                    reader.Read();
                    entries.Add(new SourceEntry(key, ReadValue(ref reader, lines, depth + 1, limits)));
                }

                return new SourceMapping(position, entries);
            case JsonTokenType.StartArray:
                var items = new List<SourceNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, lines, depth + 1, limits));
                }

                return new SourceSequence(position, items);
            case JsonTokenType.String:
                return new SourceScalar(position, ReadString(ref reader, position), ScalarKind.String);
            case JsonTokenType.Number:
                return new SourceScalar(position, Encoding.UTF8.GetString(reader.ValueSpan), ScalarKind.Number);
            case JsonTokenType.True:
            case JsonTokenType.False:
                return new SourceScalar(position, reader.GetBoolean() ? "true" : "false", ScalarKind.Boolean);
            default:
                return new SourceScalar(position, "null", ScalarKind.Null);
        }
    }

    private static string ReadString(ref Utf8JsonReader reader, SourcePosition position)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // Valid JSON syntax can still escape text .NET cannot hold, such as a lone surrogate.
            throw new SourceRejectedException(ErrorCodes.InvalidJson, $"invalid JSON: {e.Message.TrimEnd('.')}", position);
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.', ' ');
    }

    /// <summary>Maps byte offsets to line and column.</summary>
    private sealed class LineIndex
    {
        private readonly List<long> _lineStarts = [0];

        public LineIndex(byte[] bytes)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    _lineStarts.Add(i + 1);
                }
            }
        }

        public SourcePosition PositionOf(long offset)
        {
            var index = _lineStarts.BinarySearch(offset);
            var line = index >= 0 ? index : ~index - 1;
            return new SourcePosition(line + 1, (int)(offset - _lineStarts[line]) + 1);
        }
    }
}
