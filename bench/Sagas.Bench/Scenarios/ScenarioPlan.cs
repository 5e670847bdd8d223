using System.Text.Json.Nodes;

namespace Sagas.Bench.Scenarios;

/// <summary>One scenario: which definition, how many workflows, what input, and at what rate (null: flat out).</summary>
internal sealed record ScenarioPlan(string Name, string Definition, int Workflows, Func<int, JsonObject> Input, double? RatePerSecond = null, TimeSpan? Duration = null)
{
    public static JsonObject NoInput(int _) => [];

    /// <summary>One workflow in four asks its third step to fail.</summary>
    /// <summary>A quarter fail for good (and compensate), a quarter fail once (and retry), half pass.</summary>
    public static JsonObject FailureMix(int i) => (i % 4) switch
    {
        0 => new() { ["fail"] = "permanent" },
        1 => new() { ["fail"] = "transient" },
        _ => [],
    };
}
