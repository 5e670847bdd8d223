using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sagas.Definitions.Source;

/// <summary>
/// Reads YAML into <see cref="SourceNode"/>s from the parser's event stream. Anchors and
/// aliases are refused at the first one seen: the event stream never expands an alias, so
/// an alias bomb costs no more than reading its first line.
/// </summary>
public static class YamlSourceReader
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    // The core schema's tags, and the JSON kind each gives a scalar. Any other tag asks a
    // loader to construct something (!!python/object, !custom), which a definition never needs.
    private static readonly Dictionary<string, ScalarKind?> CoreTags = new(StringComparer.Ordinal)
    {
        [CoreTagPrefix + "str"] = ScalarKind.String,
        [CoreTagPrefix + "int"] = ScalarKind.Number,
        [CoreTagPrefix + "float"] = ScalarKind.Number,
        [CoreTagPrefix + "bool"] = ScalarKind.Boolean,
        [CoreTagPrefix + "null"] = ScalarKind.Null,
        [CoreTagPrefix + "map"] = null,
        [CoreTagPrefix + "seq"] = null,
    };

    public static SourceNode Read(string text, DefinitionLimits limits)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out var end))
            {
                throw new SourceRejectedException(ErrorCodes.EmptyFile, "file is empty", Position(end.Start));
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, depth: 1, limits);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                throw new SourceRejectedException(
                    ErrorCodes.MultipleDocuments, "file holds more than one YAML document; put one workflow in each file", Position(second.Start));
            }

            return root;
        }
        catch (YamlException e)
        {
            throw new SourceRejectedException(ErrorCodes.InvalidYaml, $"invalid YAML: {Describe(e)}", Position(e.Start));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some malformed input (an unclosed flow list
            // followed by a key) instead of a YamlException; it is still a malformed file.
            var at = parser.Current is { } current ? Position(current.End) : SourcePosition.Start;
            throw new SourceRejectedException(ErrorCodes.InvalidYaml, "invalid YAML: the file could not be parsed past this point", at);
        }
    }

    private static SourceNode ReadNode(IParser parser, int depth, DefinitionLimits limits)
    {
        if (parser.Accept<AnchorAlias>(out var alias))
        {
            throw new SourceRejectedException(
                ErrorCodes.YamlAlias, $"YAML aliases (*{alias.Value}) are not allowed in definitions; write the value out", Position(alias.Start));
        }

        var node = parser.Consume<NodeEvent>();
        if (!node.Anchor.IsEmpty)
        {
            throw new SourceRejectedException(
                ErrorCodes.YamlAnchor, $"YAML anchors (&{node.Anchor.Value}) are not allowed in definitions; write the value out", Position(node.Start));
        }

        RejectForeignTag(node);
        if (node is not Scalar && depth > limits.MaxDepth)
        {
            throw new SourceRejectedException(ErrorCodes.TooDeep, $"nesting is deeper than {limits.MaxDepth} levels", Position(node.Start));
        }

        return node switch
        {
            Scalar scalar => ReadScalar(scalar),
            SequenceStart => ReadSequence(parser, node, depth, limits),
            MappingStart => ReadMapping(parser, node, depth, limits),
            _ => throw new SourceRejectedException(ErrorCodes.InvalidYaml, $"unexpected {node.GetType().Name}", Position(node.Start)),
        };
    }

    private static SourceScalar ReadScalar(Scalar scalar)
    {
        var position = Position(scalar.Start);
        if (scalar.Tag.IsEmpty)
        {
            var kind = scalar.Style == ScalarStyle.Plain ? YamlScalarResolver.Resolve(scalar.Value) : ScalarKind.String;
            return new SourceScalar(position, scalar.Value, kind);
        }

        var tagged = CoreTags[scalar.Tag.Value];
        if (tagged is null || (tagged != ScalarKind.String && YamlScalarResolver.Resolve(scalar.Value) != tagged))
        {
            throw new SourceRejectedException(ErrorCodes.YamlTag, $"'{scalar.Value}' is not a valid {scalar.Tag.Value[CoreTagPrefix.Length..]}", position);
        }

        return new SourceScalar(position, scalar.Value, tagged.Value);
    }

    private static SourceSequence ReadSequence(IParser parser, NodeEvent start, int depth, DefinitionLimits limits)
    {
        var items = new List<SourceNode>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            items.Add(ReadNode(parser, depth + 1, limits));
        }

        return new SourceSequence(Position(start.Start), items);
    }

    private static SourceMapping ReadMapping(IParser parser, NodeEvent start, int depth, DefinitionLimits limits)
    {
        var entries = new List<SourceEntry>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = ReadNode(parser, depth + 1, limits);
            if (key is not SourceScalar scalarKey)
            {
                throw new SourceRejectedException(ErrorCodes.InvalidKey, "mapping keys must be plain text", key.Position);
            }

            entries.Add(new SourceEntry(scalarKey, ReadNode(parser, depth + 1, limits)));
        }

        return new SourceMapping(Position(start.Start), entries);
    }

    private static void RejectForeignTag(NodeEvent node)
    {
        if (!node.Tag.IsEmpty && !CoreTags.ContainsKey(node.Tag.Value))
        {
            throw new SourceRejectedException(
                ErrorCodes.YamlTag, $"YAML tag '{node.Tag.Value}' is not allowed in definitions", Position(node.Start));
        }
    }

    private static string Describe(YamlException e)
    {
        // YamlDotNet prefixes its messages with the position, which the error already carries.
        var message = e.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(marker + 3)..] : message;
    }

    private static SourcePosition Position(Mark mark) => new(Math.Max(1, (int)mark.Line), Math.Max(1, (int)mark.Column));
}
