using System.Text;
using System.Text.Json.Nodes;
using Sagas.Definitions.Expressions;
using Sagas.Definitions.Planning;

namespace Sagas.Definitions.Tests.Expressions;

/// <summary>
/// Thousands of generated expressions, some well formed, some cut or spliced at random, over
/// generated inputs: parsing and evaluating never throw, and every refusal or failure says why.
/// The seeds are fixed, so a failure here repeats.
/// </summary>
public sealed class When_expressions_are_fuzzed
{
    private static readonly string[] Atoms =
    [
        "$.input.a", "$.input.b", "$.input.list", "$.input.list[0]", "$.input.obj.x", "$.steps.s-1.output.v", "$.workflow.id",
        "1", "0", "-2.5", "'x'", "\"EU\"", "true", "false", "null", "[1, 'a']", "now()", "undefined", "$", "this", "x",
    ];

    private static readonly string[] Operators = ["==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "&&", "||", "===", "|", "??", "=", "**", "in"];

    private static readonly string[] Functions = ["length", "contains", "starts_with", "lower", "upper", "abs", "round", "min", "max", "exists", "eval", "Math.max"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Nothing_escapes_and_every_failure_has_a_reason(int seed)
    {
        var random = new Random(seed);
        var context = new ExpressionContext(DateTimeOffset.UnixEpoch);
        var (parsed, evaluated) = (0, 0);
        for (var i = 0; i < 3000; i++)
        {
            var text = Mutate(random, Generate(random, depth: 0));
            var result = ExpressionParser.Parse(text);
            if (!result.Succeeded)
            {
                Assert.False(string.IsNullOrWhiteSpace(result.Problem), text);
                Assert.True(result.Line >= 1 && result.Column >= 1, $"{text}: {result.Line}:{result.Column}");
                continue;
            }

            parsed++;
            var outcome = ExpressionEvaluator.Evaluate(result.Expression, new ProgressValues(Input(random)), context);
            Assert.True(outcome.Succeeded || !string.IsNullOrWhiteSpace(outcome.Failure), text);
            evaluated += outcome.Succeeded ? 1 : 0;
        }

        // The generator must reach the evaluator, or this test proves little.
        Assert.True(parsed > 500 && evaluated > 200, $"parsed {parsed}, evaluated {evaluated}");
    }

    private static string Generate(Random random, int depth)
    {
        if (depth > 4 || random.Next(3) == 0)
        {
            return Atoms[random.Next(Atoms.Length)];
        }

        return random.Next(5) switch
        {
            0 => $"{Generate(random, depth + 1)} {Operators[random.Next(Operators.Length)]} {Generate(random, depth + 1)}",
            1 => $"!{Generate(random, depth + 1)}",
            2 => $"({Generate(random, depth + 1)} ? {Generate(random, depth + 1)} : {Generate(random, depth + 1)})",
            3 => $"{Functions[random.Next(Functions.Length)]}({string.Join(", ", Enumerable.Range(0, random.Next(3)).Select(_ => Generate(random, depth + 1)))})",
            _ => $"[{Generate(random, depth + 1)}, {Generate(random, depth + 1)}]",
        };
    }

    // One in four is damaged: cut short, a character dropped, or random characters spliced in.
    private static string Mutate(Random random, string text)
    {
        if (random.Next(4) != 0 || text.Length < 2)
        {
            return text;
        }

        var at = random.Next(text.Length);
        return random.Next(3) switch
        {
            0 => text[..at],
            1 => text.Remove(at, 1),
            _ => text.Insert(at, RandomText(random)),
        };
    }

    private static string RandomText(Random random)
    {
        const string characters = "$.[]()'\"`{}=!<>&|+-*/%?:,;\\ \n\tabcxyz019_";
        var text = new StringBuilder();
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            text.Append(characters[random.Next(characters.Length)]);
        }

        return text.ToString();
    }

    private static Sagas.Definitions.Planning.WorkflowProgress Input(Random random)
    {
        JsonNode? Value() => random.Next(6) switch
        {
            0 => JsonValue.Create(random.Next(-5, 5)),
            1 => JsonValue.Create(random.NextDouble() * 1e6),
            2 => JsonValue.Create(random.Next(2) == 0 ? "EU" : ""),
            3 => JsonValue.Create(random.Next(2) == 0),
            4 => new JsonArray(JsonValue.Create(1), JsonValue.Create("a")),
            _ => null,
        };

        var input = new JsonObject { ["a"] = Value(), ["list"] = new JsonArray(Value(), Value()), ["obj"] = new JsonObject { ["x"] = Value() } };
        if (random.Next(2) == 0)
        {
            input["b"] = Value();
        }

        var progress = Progress.Start(input);
        return random.Next(2) == 0 ? progress.Completed("s-1", new JsonObject { ["v"] = Value() }) : progress;
    }
}
