using System.Text.Json.Nodes;
using Acornima;
using Acornima.Ast;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Expressions;

/// <summary>
/// Reads an expression (<c>$.input.amount &gt; 1000 &amp;&amp; $.input.region == 'eu'</c>) into
/// <see cref="ExpressionNode"/>s, or says in one line what is wrong and where.
/// </summary>
/// <remarks>
/// The syntax is JavaScript's expression syntax, parsed by Acornima (the parser Jint runs on), and
/// then narrowed to an allow-list: literals, <c>$.</c> paths, <c>! -</c>, arithmetic, comparison,
/// <c>&amp;&amp; ||</c>, <c>? :</c>, lists and the calls of <see cref="ExpressionFunctions"/>.
/// Everything else (assignment, functions, <c>new</c>, <c>this</c>, member access on anything but
/// a path, template strings, object literals) is refused here, so no JavaScript engine ever runs:
/// <see cref="ExpressionEvaluator"/> walks the checked nodes, and can do nothing else.
/// </remarks>
public static class ExpressionParser
{
    /// <summary>Longest expression text accepted.</summary>
    public const int MaxLength = 2000;

    /// <summary>Most nodes in one expression.</summary>
    public const int MaxNodes = 200;

    /// <summary>Deepest nesting of one expression.</summary>
    public const int MaxDepth = 24;

    private static readonly ParserOptions Options = new() { EcmaVersion = EcmaVersion.ES2023, Tolerant = false };

    public static ExpressionParseResult Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ExpressionParseResult.Failed(1, 1, "the expression is empty");
        }

        if (text.Length > MaxLength)
        {
            return ExpressionParseResult.Failed(1, 1, $"the expression is {text.Length} characters long; at most {MaxLength} are accepted");
        }

        try
        {
            var (masked, paths) = ExpressionPaths.Mask(text);
            var parsed = new Parser(Options).ParseExpression(masked);
            return ExpressionParseResult.Of(new Converter(paths).Convert(parsed, depth: 1));
        }
        catch (ParseErrorException e)
        {
            // Acornima counts columns from 0.
            return ExpressionParseResult.Failed(e.LineNumber, e.Column + 1, e.Description);
        }
        catch (NotAllowedException e)
        {
            return ExpressionParseResult.Failed(e.Line, e.Column, e.Message);
        }
        catch (ExpressionTooLargeException e)
        {
            return ExpressionParseResult.Failed(1, 1, e.Message);
        }
    }

    private sealed class Converter(IReadOnlyDictionary<string, FoundPath> paths)
    {
        private int _nodes;

        public ExpressionNode Convert(Node node, int depth)
        {
            if (++_nodes > MaxNodes)
            {
                throw NotAllowed(node, $"the expression has more than {MaxNodes} parts; split the decision into steps");
            }

            if (depth > MaxDepth)
            {
                throw NotAllowed(node, $"the expression nests deeper than {MaxDepth} levels");
            }

            var column = node.Location.Start.Column + 1;
            return node switch
            {
                StringLiteral s => new LiteralNode(column, JsonValue.Create(s.Value)),
                NumericLiteral n => new LiteralNode(column, JsonValue.Create(n.Value)),
                BooleanLiteral b => new LiteralNode(column, JsonValue.Create(b.Value)),
                NullLiteral => new LiteralNode(column, null),
                Identifier id when paths.TryGetValue(id.Name, out var path) => Path(node, column, path),
                Identifier { Name: "$" } => throw NotAllowed(node, $"'$' starts a path: write {ValueReference.AcceptedForms}"),
                Identifier { Name: "undefined" } => throw NotAllowed(node, "'undefined' is not a value here; use null, or exists($.path) to ask whether a value is there"),
                Identifier id when ExpressionFunctions.All.ContainsKey(id.Name) => throw NotAllowed(node, $"'{id.Name}' is a function: call it, {ExpressionFunctions.All[id.Name].Usage}"),
                Identifier id => throw NotAllowed(node, $"unknown name '{id.Name}': values are read with {ValueReference.AcceptedForms}, and text is quoted ('{id.Name}')"),
                UnaryExpression unary => Unary(unary, column, depth),
                LogicalExpression logical => Binary(logical, column, depth),
                BinaryExpression binary => Binary(binary, column, depth),
                ConditionalExpression conditional => new ConditionalNode(column, Convert(conditional.Test, depth + 1), Convert(conditional.Consequent, depth + 1), Convert(conditional.Alternate, depth + 1)),
                CallExpression call => Call(call, column, depth),
                Acornima.Ast.ArrayExpression array => Array(array, column, depth),
                MemberExpression => throw NotAllowed(node, $"only $. paths have parts; use length(x) for a length, and {ValueReference.AcceptedForms} for values"),
                _ => throw NotAllowed(node, $"{Describe(node)} is not allowed in an expression"),
            };
        }

        private static PathNode Path(Node node, int column, FoundPath path) =>
            ValueReference.TryParse(path.Segments, path.Text, out var reference, out var error)
                ? new PathNode(column, reference!)
                : throw NotAllowed(node, error!);

        private UnaryNode Unary(UnaryExpression unary, int column, int depth) => unary.Operator switch
        {
            Operator.LogicalNot => new UnaryNode(column, "!", Convert(unary.Argument, depth + 1)),
            Operator.UnaryNegation => new UnaryNode(column, "-", Convert(unary.Argument, depth + 1)),
            _ => throw NotAllowed(unary, $"the operator '{Operators.Text(unary.Operator)}' is not allowed; use ! and -"),
        };

        private BinaryNode Binary(BinaryExpression binary, int column, int depth)
        {
            var op = Operators.Allowed(binary.Operator)
                ?? throw NotAllowed(binary, $"the operator '{Operators.Text(binary.Operator)}' is not allowed; use {Operators.AllowedList}");
            return new BinaryNode(column, op, Convert(binary.Left, depth + 1), Convert(binary.Right, depth + 1));
        }

        private CallNode Call(CallExpression call, int column, int depth)
        {
            if (call.Callee is not Identifier { Name: var name } || !ExpressionFunctions.All.TryGetValue(name, out var function))
            {
                throw NotAllowed(call, $"{(call.Callee is Identifier id ? $"unknown function '{id.Name}'" : "only the listed functions can be called")}; the functions are {string.Join(", ", ExpressionFunctions.All.Keys)}");
            }

            var arguments = call.Arguments;
            if (arguments.Count != function.Arity)
            {
                throw NotAllowed(call, $"{name} takes {function.Arity} argument{(function.Arity == 1 ? "" : "s")}, not {arguments.Count}: {function.Usage}");
            }

            var converted = new List<ExpressionNode>(arguments.Count);
            foreach (var argument in arguments)
            {
                converted.Add(Convert(argument, depth + 1));
            }

            if (function.TakesPath && converted is not [PathNode])
            {
                throw NotAllowed(call, $"{name} takes a path: {function.Usage}");
            }

            return new CallNode(column, name, converted);
        }

        private ArrayNode Array(Acornima.Ast.ArrayExpression array, int column, int depth)
        {
            var items = new List<ExpressionNode>(array.Elements.Count);
            foreach (var element in array.Elements)
            {
                items.Add(element is null or SpreadElement
                    ? throw NotAllowed(array, "a list's items must all be written out (no holes, no ...spread)")
                    : Convert(element, depth + 1));
            }

            return new ArrayNode(column, items);
        }

        private static string Describe(Node node) => node switch
        {
            AssignmentExpression or UpdateExpression => "assignment",
            ArrowFunctionExpression or FunctionExpression => "a function",
            NewExpression => "'new'",
            ThisExpression => "'this'",
            TemplateLiteral or TaggedTemplateExpression => "a template string (use + to join text)",
            Acornima.Ast.ObjectExpression => "an object literal",
            SequenceExpression => "a sequence (a, b)",
            RegExpLiteral => "a regular expression",
            _ => $"'{node.TypeText}'",
        };

        private static NotAllowedException NotAllowed(Node node, string message) =>
            new(node.Location.Start.Line, node.Location.Start.Column + 1, message);
    }

    private sealed class NotAllowedException(int line, int column, string message) : Exception(message)
    {
        public int Line { get; } = line;

        public int Column { get; } = column;
    }
}
