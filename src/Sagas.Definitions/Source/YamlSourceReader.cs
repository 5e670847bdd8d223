using Sagas.Definitions.Loading;
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

    public static SourceNode Read(string text, DefinitionLimits limits)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out var end))
            {
                throw new SourceRejectedException("empty-file", "file is empty", Position(end.Start));
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, depth: 1, limits);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                throw new SourceRejectedException(
                    "multiple-documents", "file holds more than one YAML document; put one workflow in each file", Position(second.Start));
            }

            return root;
        }
        catch (YamlException e)
        {
            throw new SourceRejectedException("invalid-yaml", $"invalid YAML: {Describe(e)}", Position(e.Start));
        }
    }

    private static SourceNode ReadNode(IParser parser, int depth, DefinitionLimits limits)
    {
        if (parser.Accept<AnchorAlias>(out var alias))
        {
            throw new SourceRejectedException(
                "yaml-alias", $"YAML aliases (*{alias.Value}) are not allowed in definitions; write the value out", Position(alias.Start));
        }

        var node = parser.Consume<NodeEvent>();
        if (!node.Anchor.IsEmpty)
        {
            throw new SourceRejectedException(
                "yaml-anchor", $"YAML anchors (&{node.Anchor.Value}) are not allowed in definitions; write the value out", Position(node.Start));
        }

        RejectForeignTag(node);
        if (depth > limits.MaxDepth)
        {
            throw new SourceRejectedException("too-deep", $"nesting is deeper than {limits.MaxDepth} levels", Position(node.Start));
        }

        return node switch
        {
            Scalar scalar => ReadScalar(scalar),
            SequenceStart => ReadSequence(parser, node, depth, limits),
            MappingStart => ReadMapping(parser, node, depth, limits),
            _ => throw new SourceRejectedException("invalid-yaml", $"unexpected {node.GetType().Name}", Position(node.Start)),
        };
    }

    private static SourceScalar ReadScalar(Scalar scalar)
    {
        var kind = scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty
            ? YamlScalarResolver.Resolve(scalar.Value)
            : ScalarKind.String;
        return new SourceScalar(Position(scalar.Start), scalar.Value, kind);
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
                throw new SourceRejectedException("invalid-key", "mapping keys must be plain text", key.Position);
            }

            entries.Add(new SourceEntry(scalarKey, ReadNode(parser, depth + 1, limits)));
        }

        return new SourceMapping(Position(start.Start), entries);
    }

    private static void RejectForeignTag(NodeEvent node)
    {
        // Only the core schema's own tags (!!str, !!int, !!map …) are meaningful here; any other
        // tag asks a loader to construct something, which a definition never needs.
        if (!node.Tag.IsEmpty && !node.Tag.Value.StartsWith(CoreTagPrefix, StringComparison.Ordinal))
        {
            throw new SourceRejectedException(
                "yaml-tag", $"YAML tag '{node.Tag.Value}' is not allowed in definitions", Position(node.Start));
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
