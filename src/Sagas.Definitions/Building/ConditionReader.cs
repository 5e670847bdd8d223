using Sagas.Definitions.Expressions;
using Sagas.Definitions.Model;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Building;

/// <summary>Reads a step's expressions (<c>when:</c>, <c>for_each:</c>) and its <c>join:</c>.</summary>
internal static class ConditionReader
{
    private static readonly Dictionary<string, StepJoin> Joins = new(StringComparer.Ordinal)
    {
        ["all"] = StepJoin.All,
        ["all_done"] = StepJoin.AllDone,
        ["any"] = StepJoin.Any,
    };

    public static StepCondition? When(SourceNode? node, string? stepId, ErrorSink errors) =>
        Expression(node, "when", "\"$.input.amount > 100\"", stepId, errors);

    /// <summary>An expression under <paramref name="key"/> (<c>when</c>, <c>for_each</c>), checked; <paramref name="example"/> shows one in the message for a value that is not.</summary>
    public static StepCondition? Expression(SourceNode? node, string key, string example, string? stepId, ErrorSink errors)
    {
        if (node is null or SourceScalar { Kind: ScalarKind.Null })
        {
            return null;
        }

        if (node is not SourceScalar { Kind: ScalarKind.String or ScalarKind.Boolean } scalar)
        {
            errors.Add(node.Position, stepId, ErrorCodes.WrongType, $"'{key}' must be an expression, such as {example}, not {DraftReader.Describe(node)}");
            return null;
        }

        var parsed = ExpressionParser.Parse(scalar.Text);
        if (!parsed.Succeeded)
        {
            // The expression's own line and column, placed in the file (exact for a plain scalar; a
            // quoted one is one column further right).
            var at = parsed.Line <= 1
                ? new SourcePosition(scalar.Position.Line, scalar.Position.Column + parsed.Column - 1)
                : new SourcePosition(scalar.Position.Line + parsed.Line - 1, parsed.Column);
            errors.Add(at, stepId, ErrorCodes.InvalidExpression, $"'{key}: {Shortened(scalar.Text)}': {parsed.Problem}");
            return null;
        }

        return new StepCondition(scalar.Text, parsed.Expression, scalar.Position.Line);
    }

    public static StepJoin Join(SourceNode? node, string? stepId, ErrorSink errors) =>
        ScalarReader.Choice(node, "join", Joins, stepId, ErrorCodes.InvalidJoin, errors) ?? StepJoin.All;

    private static string Shortened(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 60 ? line : line[..57] + "...";
    }
}
