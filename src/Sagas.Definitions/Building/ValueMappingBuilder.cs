using System.Globalization;
using System.Text.Json.Nodes;
using Sagas.Definitions.Model;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Building;

/// <summary>
/// Reads an <c>input</c> or <c>output</c> mapping: strings starting with <c>$.</c> become
/// references, <c>$$.</c> escapes a literal <c>$.</c>, everything else is a literal.
/// </summary>
internal static class ValueMappingBuilder
{
    public static ValueMapping Build(SourceNode? node, string? stepId, string what, ErrorSink errors)
    {
        switch (node)
        {
            case null:
            case SourceScalar { Kind: ScalarKind.Null }:
                return ValueMapping.Empty;
            case SourceMapping mapping:
                return new ValueMapping(Fields(mapping, stepId, errors));
            default:
                errors.Add(node.Position, stepId, ErrorCodes.WrongType, $"'{what}' must be a mapping of field names to values, not {node.KindName}");
                return ValueMapping.Empty;
        }
    }

    private static List<MappedField> Fields(SourceMapping mapping, string? stepId, ErrorSink errors)
    {
        var fields = new List<MappedField>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (!seen.TryAdd(entry.Key.Text, entry.Key.Position.Line))
            {
                errors.Add(entry.Key.Position, stepId, ErrorCodes.DuplicateKey,
                    $"field '{entry.Key.Text}' is written twice (first on line {seen[entry.Key.Text]})");
                continue;
            }

            fields.Add(new MappedField(entry.Key.Text, Expression(entry.Value, stepId, errors)));
        }

        return fields;
    }

    private static ValueExpression Expression(SourceNode node, string? stepId, ErrorSink errors) => node switch
    {
        SourceMapping mapping => new ObjectExpression(mapping.Position.Line, Fields(mapping, stepId, errors)),
        SourceSequence sequence => new ArrayExpression(sequence.Position.Line, [.. sequence.Items.Select(i => Expression(i, stepId, errors))]),
        SourceScalar scalar => Scalar(scalar, stepId, errors),
        _ => throw new InvalidOperationException($"Unknown node {node.GetType().Name}"),
    };

    private static ValueExpression Scalar(SourceScalar scalar, string? stepId, ErrorSink errors)
    {
        var line = scalar.Position.Line;
        if (scalar.Kind == ScalarKind.Number && !IsRepresentable(scalar.Text))
        {
            errors.Add(scalar.Position, stepId, ErrorCodes.InvalidNumber, $"number {scalar.Text} is out of the range JSON messages can carry");
            return new LiteralExpression(line, null);
        }

        if (scalar.Kind != ScalarKind.String)
        {
            return new LiteralExpression(line, Literal(scalar));
        }

        if (scalar.Text.StartsWith(ValueReference.EscapedPrefix, StringComparison.Ordinal))
        {
            return new LiteralExpression(line, JsonValue.Create(scalar.Text[1..]));
        }

        if (!scalar.Text.StartsWith(ValueReference.Prefix, StringComparison.Ordinal))
        {
            return new LiteralExpression(line, JsonValue.Create(scalar.Text));
        }

        if (ValueReference.TryParse(scalar.Text, out var reference, out var error))
        {
            return new ReferenceExpression(line, reference!);
        }

        errors.Add(scalar.Position, stepId, ErrorCodes.InvalidReference, error!);
        return new LiteralExpression(line, null);
    }

    private static bool IsRepresentable(string number) =>
        decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || double.IsFinite(double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture));

    /// <summary>The JSON value of a non-string scalar; YAML number spellings are normalised.</summary>
    public static JsonNode? Literal(SourceScalar scalar) => scalar.Kind switch
    {
        ScalarKind.Boolean => JsonValue.Create(bool.Parse(scalar.Text)),
        ScalarKind.Number when decimal.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        ScalarKind.Number => JsonValue.Create(double.Parse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture)),
        ScalarKind.Null => null,
        _ => JsonValue.Create(scalar.Text),
    };
}
