using System.Text.Json.Nodes;

namespace Sagas.Definitions.Expressions;

/// <summary>
/// An expression's value, or why it has none (a step failure with this reason), and the values
/// its paths read on the way, by path (recorded with the decision, so it explains itself).
/// </summary>
public sealed record ExpressionOutcome(JsonNode? Value, string? Failure, JsonObject Read)
{
    public bool Succeeded => Failure is null;

    public static ExpressionOutcome Of(JsonNode? value, JsonObject read) => new(value, null, read);

    public static ExpressionOutcome Failed(string failure, JsonObject read) => new(null, failure, read);
}
