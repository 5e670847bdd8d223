using System.Text.Json.Nodes;

namespace Sagas.Definitions.Model;

/// <summary>
/// A checked expression: only these nodes exist, so an expression can do nothing but read the
/// values handed to it and combine them (see <c>Expressions.ExpressionParser</c> for what is refused).
/// <see cref="Column"/> is where the node starts, 1-based, in the expression's text.
/// </summary>
public abstract record ExpressionNode(int Column)
{
    /// <summary>Every value the expression reads, for the checks that it reads only upstream steps.</summary>
    public virtual IEnumerable<PathNode> Paths() => [];
}

/// <summary>A number, string, boolean or null written in the expression.</summary>
public sealed record LiteralNode(int Column, JsonNode? Value) : ExpressionNode(Column);

/// <summary>A value read at run time: <c>$.input.amount</c>, <c>$.steps.fraud.output.score</c>.</summary>
public sealed record PathNode(int Column, ValueReference Reference) : ExpressionNode(Column)
{
    public override IEnumerable<PathNode> Paths() => [this];
}

/// <summary><c>!x</c> or <c>-x</c>.</summary>
public sealed record UnaryNode(int Column, string Operator, ExpressionNode Operand) : ExpressionNode(Column)
{
    public override IEnumerable<PathNode> Paths() => Operand.Paths();
}

/// <summary>Arithmetic, comparison and the logical <c>&amp;&amp;</c> and <c>||</c>, which evaluate their right side only when needed.</summary>
public sealed record BinaryNode(int Column, string Operator, ExpressionNode Left, ExpressionNode Right) : ExpressionNode(Column)
{
    public override IEnumerable<PathNode> Paths() => Left.Paths().Concat(Right.Paths());
}

/// <summary><c>test ? then : otherwise</c>.</summary>
public sealed record ConditionalNode(int Column, ExpressionNode Test, ExpressionNode Then, ExpressionNode Otherwise) : ExpressionNode(Column)
{
    public override IEnumerable<PathNode> Paths() => Test.Paths().Concat(Then.Paths()).Concat(Otherwise.Paths());
}

/// <summary>A call of one of the functions of <c>Expressions.ExpressionFunctions</c>, by its name.</summary>
public sealed record CallNode(int Column, string Function, IReadOnlyList<ExpressionNode> Arguments) : ExpressionNode(Column)
{
    public override IEnumerable<PathNode> Paths() => Arguments.SelectMany(a => a.Paths());
}

/// <summary><c>[a, b, c]</c>.</summary>
public sealed record ArrayNode(int Column, IReadOnlyList<ExpressionNode> Items) : ExpressionNode(Column)
{
    public override IEnumerable<PathNode> Paths() => Items.SelectMany(i => i.Paths());
}
