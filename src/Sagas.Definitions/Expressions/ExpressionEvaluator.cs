using System.Text.Json.Nodes;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Expressions;

/// <summary>
/// Evaluates a checked expression over a workflow's values. Strict and predictable: no type is
/// turned into another (<c>1 == '1'</c> is false, <c>'a' + 1</c> and <c>!'x'</c> are failures),
/// <c>&amp;&amp;</c>, <c>||</c>, <c>!</c> and <c>? :</c> take booleans, a missing value is a
/// failure unless asked about with <c>exists</c>. Bounded: the nodes are few (see
/// <see cref="ExpressionParser"/>), nothing loops, and text built up is capped.
/// </summary>
public static class ExpressionEvaluator
{
    /// <summary>Longest text an expression may build.</summary>
    public const int MaxTextLength = 64 * 1024;

    public static ExpressionOutcome Evaluate(ExpressionNode expression, IValueSource values, ExpressionContext context)
    {
        var scope = new Scope(values, context, []);
        try
        {
            return ExpressionOutcome.Of(Evaluate(expression, scope)?.DeepClone(), scope.Read);
        }
        catch (ExpressionFailedException e)
        {
            return ExpressionOutcome.Failed(e.Message, scope.Read);
        }
    }

    // Read: every value a path gave, by the path as written, to be recorded with the decision.
    private sealed record Scope(IValueSource Values, ExpressionContext Context, JsonObject Read)
    {
        public JsonNode? Remember(PathNode path, JsonNode? value)
        {
            Read[path.Reference.Text] = value?.DeepClone();
            return value;
        }

        // exists() reads no value, only whether there is one: recorded under its call, so a path
        // that was absent explains the decision as much as one that held a value.
        public JsonNode Remember(PathNode path, bool exists)
        {
            Read[$"exists({path.Reference.Text})"] = exists;
            return JsonValue.Create(exists);
        }
    }

    private static JsonNode? Evaluate(ExpressionNode node, Scope scope) => node switch
    {
        LiteralNode literal => literal.Value,
        PathNode path => scope.Values.TryRead(path.Reference, out var value, out var error)
            ? scope.Remember(path, value)
            : throw new ExpressionFailedException(error),
        UnaryNode { Operator: "!" } not => JsonValue.Create(!ExpressionValues.Boolean(Evaluate(not.Operand, scope), "!")),
        UnaryNode negation => Number(-ExpressionValues.Number(Evaluate(negation.Operand, scope), "-")),
        BinaryNode { Operator: "&&" } and => JsonValue.Create(
            ExpressionValues.Boolean(Evaluate(and.Left, scope), "&&") && ExpressionValues.Boolean(Evaluate(and.Right, scope), "&&")),
        BinaryNode { Operator: "||" } or => JsonValue.Create(
            ExpressionValues.Boolean(Evaluate(or.Left, scope), "||") || ExpressionValues.Boolean(Evaluate(or.Right, scope), "||")),
        BinaryNode binary => Binary(binary.Operator, Evaluate(binary.Left, scope), Evaluate(binary.Right, scope)),
        ConditionalNode conditional => ExpressionValues.Boolean(Evaluate(conditional.Test, scope), "the test of ? :")
            ? Evaluate(conditional.Then, scope)
            : Evaluate(conditional.Otherwise, scope),
        CallNode call => Call(ExpressionFunctions.All[call.Function], call.Arguments, scope),
        ArrayNode array => new JsonArray([.. array.Items.Select(i => Evaluate(i, scope)?.DeepClone())]),
        _ => throw new InvalidOperationException($"Unknown expression node {node.GetType().Name}"),
    };

    private static JsonNode? Call(ExpressionFunction function, IReadOnlyList<ExpressionNode> arguments, Scope scope) => function.TakesPath
        ? scope.Remember((PathNode)arguments[0], scope.Values.Exists(((PathNode)arguments[0]).Reference))
        : function.Invoke([.. arguments.Select(a => Evaluate(a, scope))], scope.Context);

    private static JsonNode? Binary(string op, JsonNode? left, JsonNode? right) => op switch
    {
        "==" => JsonValue.Create(JsonNode.DeepEquals(left, right)),
        "!=" => JsonValue.Create(!JsonNode.DeepEquals(left, right)),
        "<" or "<=" or ">" or ">=" => JsonValue.Create(Compare(op, left, right)),
        "+" when ExpressionValues.TypeOf(left) == "string" || ExpressionValues.TypeOf(right) == "string" => Join(left, right),
        "+" => Number(ExpressionValues.Number(left, "+") + ExpressionValues.Number(right, "+")),
        "-" => Number(ExpressionValues.Number(left, "-") - ExpressionValues.Number(right, "-")),
        "*" => Number(ExpressionValues.Number(left, "*") * ExpressionValues.Number(right, "*")),
        "/" => Number(ExpressionValues.Number(left, "/") / NonZero(ExpressionValues.Number(right, "/"), "/")),
        "%" => Number(ExpressionValues.Number(left, "%") % NonZero(ExpressionValues.Number(right, "%"), "%")),
        _ => throw new InvalidOperationException($"Unknown operator {op}"),
    };

    private static bool Compare(string op, JsonNode? left, JsonNode? right)
    {
        var (leftType, rightType) = (ExpressionValues.TypeOf(left), ExpressionValues.TypeOf(right));
        int order;
        if (leftType == "number" && rightType == "number")
        {
            order = ExpressionValues.Number(left, op).CompareTo(ExpressionValues.Number(right, op));
        }
        else if (leftType == "string" && rightType == "string")
        {
            order = string.CompareOrdinal(left!.GetValue<string>(), right!.GetValue<string>());
        }
        else
        {
            throw new ExpressionFailedException(
                $"{op} compares two numbers or two texts, not {ExpressionValues.Describe(left)} and {ExpressionValues.Describe(right)}");
        }

        return op switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        };
    }

    private static JsonValue Join(JsonNode? left, JsonNode? right)
    {
        var text = ExpressionValues.Text(left, "+ (joining text)") + ExpressionValues.Text(right, "+ (joining text)");
        return text.Length <= MaxTextLength
            ? JsonValue.Create(text)
            : throw new ExpressionFailedException($"the text built is longer than {MaxTextLength} characters");
    }

    private static double NonZero(double divisor, string op) =>
        divisor != 0 ? divisor : throw new ExpressionFailedException($"{op} by zero");

    private static JsonValue Number(double value) => double.IsFinite(value)
        ? JsonValue.Create(value)
        : throw new ExpressionFailedException("the number is too large");
}
