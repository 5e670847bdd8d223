using System.Text.Json.Nodes;

namespace Sagas.Bench.Scenarios;

/// <summary>
/// One scenario: which definition, how many workflows, what input, at what rate (null: flat out),
/// under which policies file (null: none), and whether the orchestrator runs the analytics (off,
/// so that every other scenario measures the engine alone).
/// </summary>
internal sealed record ScenarioPlan(
    string Name, string Definition, int Workflows, Func<int, JsonObject> Input, double? RatePerSecond = null, TimeSpan? Duration = null, string? Policies = null,
    bool Analytics = false)
{
    public static JsonObject NoInput(int _) => [];

    /// <summary>An amount for the conditions of <c>linear-5-when</c> to read.</summary>
    public static JsonObject Amount(int i) => new() { ["amount"] = i };

    /// <summary>The hundred items <c>foreach-100</c> runs over.</summary>
    public static JsonObject Items(int i) => new() { ["items"] = new JsonArray([.. Enumerable.Range(0, 100).Select(n => (JsonNode)(i * 100 + n))]) };

    /// <summary>A quarter fail for good (and compensate), a quarter fail once (and retry), half pass.</summary>
    public static JsonObject FailureMix(int i) => (i % 4) switch
    {
        0 => new() { ["fail"] = "permanent" },
        1 => new() { ["fail"] = "transient" },
        _ => [],
    };
}
