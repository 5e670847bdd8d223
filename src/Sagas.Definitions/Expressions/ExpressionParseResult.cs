using System.Diagnostics.CodeAnalysis;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Expressions;

/// <summary>A parsed expression, or the problem and its place (1-based, within the expression's text).</summary>
public sealed record ExpressionParseResult(ExpressionNode? Expression, int Line, int Column, string? Problem)
{
    [MemberNotNullWhen(true, nameof(Expression))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    public static ExpressionParseResult Of(ExpressionNode expression) => new(expression, 0, 0, null);

    public static ExpressionParseResult Failed(int line, int column, string problem) => new(null, line, column, problem);
}
