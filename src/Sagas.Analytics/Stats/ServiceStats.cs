namespace Sagas.Analytics.Stats;

/// <summary>A service across every definition: its totals, and each instance (node and endpoint) that answered.</summary>
public sealed record ServiceStats
{
    public required string Service { get; init; }

    public required StepStats Totals { get; init; }

    public IReadOnlyList<InstanceStats> Instances { get; init; } = [];
}
