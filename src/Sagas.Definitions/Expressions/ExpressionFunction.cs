using System.Text.Json.Nodes;

namespace Sagas.Definitions.Expressions;

/// <summary>A function expressions may call: pure, over the values it is given.</summary>
/// <param name="Name">As written in an expression.</param>
/// <param name="Arity">How many arguments it takes.</param>
/// <param name="Usage">How to call it, for messages and docs.</param>
/// <param name="Invoke">Its work; throws <see cref="ExpressionFailedException"/> on a value it cannot take.</param>
public sealed record ExpressionFunction(string Name, int Arity, string Usage, Func<IReadOnlyList<JsonNode?>, ExpressionContext, JsonNode?> Invoke)
{
    /// <summary><c>exists</c> is given a path, not its value: a missing field is its answer, not an error.</summary>
    public bool TakesPath { get; init; }
}
