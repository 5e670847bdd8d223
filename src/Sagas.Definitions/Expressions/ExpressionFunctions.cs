using System.Globalization;
using System.Text.Json.Nodes;

namespace Sagas.Definitions.Expressions;

/// <summary>
/// Every function an expression may call. None reads a clock, a file, the network or anything
/// else outside its arguments: <c>now()</c> is the decision's time, handed in and recorded with it.
/// </summary>
public static class ExpressionFunctions
{
    public static readonly IReadOnlyDictionary<string, ExpressionFunction> All = new[]
    {
        new ExpressionFunction("length", 1, "length(text | list | object)", (args, _) => JsonValue.Create(Length(args[0]))),
        new ExpressionFunction("contains", 2, "contains(text, part) or contains(list, item)", (args, _) => JsonValue.Create(Contains(args[0], args[1]))),
        new ExpressionFunction("starts_with", 2, "starts_with(text, prefix)", (args, _) => JsonValue.Create(ExpressionValues.Text(args[0], "starts_with").StartsWith(ExpressionValues.Text(args[1], "starts_with"), StringComparison.Ordinal))),
        new ExpressionFunction("ends_with", 2, "ends_with(text, suffix)", (args, _) => JsonValue.Create(ExpressionValues.Text(args[0], "ends_with").EndsWith(ExpressionValues.Text(args[1], "ends_with"), StringComparison.Ordinal))),
        new ExpressionFunction("lower", 1, "lower(text)", (args, _) => JsonValue.Create(ExpressionValues.Text(args[0], "lower").ToLowerInvariant())),
        new ExpressionFunction("upper", 1, "upper(text)", (args, _) => JsonValue.Create(ExpressionValues.Text(args[0], "upper").ToUpperInvariant())),
        new ExpressionFunction("abs", 1, "abs(number)", (args, _) => JsonValue.Create(Math.Abs(ExpressionValues.Number(args[0], "abs")))),
        new ExpressionFunction("round", 1, "round(number)", (args, _) => JsonValue.Create(Math.Round(ExpressionValues.Number(args[0], "round"), MidpointRounding.AwayFromZero))),
        new ExpressionFunction("min", 2, "min(number, number)", (args, _) => JsonValue.Create(Math.Min(ExpressionValues.Number(args[0], "min"), ExpressionValues.Number(args[1], "min")))),
        new ExpressionFunction("max", 2, "max(number, number)", (args, _) => JsonValue.Create(Math.Max(ExpressionValues.Number(args[0], "max"), ExpressionValues.Number(args[1], "max")))),
        new ExpressionFunction("now", 0, "now() (the decision's time, as ISO 8601 UTC text)", (_, context) => JsonValue.Create(context.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))),
        // Evaluated on its path by the evaluator (a missing field is its answer, not an error), never called with a value.
        new ExpressionFunction("exists", 1, "exists($.path) (true when the value is there, even if null)",
            (_, _) => throw new InvalidOperationException("exists() is answered from its path, not called")) { TakesPath = true },
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    private static int Length(JsonNode? value) => value switch
    {
        JsonArray array => array.Count,
        JsonObject obj => obj.Count,
        JsonValue when ExpressionValues.TypeOf(value) == "string" => value.GetValue<string>().Length,
        _ => throw new ExpressionFailedException($"length takes text, a list or an object, not {ExpressionValues.Describe(value)}"),
    };

    private static bool Contains(JsonNode? haystack, JsonNode? needle) => haystack switch
    {
        JsonArray array => array.Any(item => JsonNode.DeepEquals(item, needle)),
        JsonValue when ExpressionValues.TypeOf(haystack) == "string" =>
            haystack.GetValue<string>().Contains(ExpressionValues.Text(needle, "contains"), StringComparison.Ordinal),
        _ => throw new ExpressionFailedException($"contains takes text or a list, not {ExpressionValues.Describe(haystack)}"),
    };
}
