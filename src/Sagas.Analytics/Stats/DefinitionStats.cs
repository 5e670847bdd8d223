using System.Text.Json.Serialization;
using Sagas.Analytics.Histograms;

namespace Sagas.Analytics.Stats;

/// <summary>A definition's version in the window: its runs, their outcomes and durations, and its steps.</summary>
public sealed record DefinitionStats
{
    public required string Definition { get; init; }

    public required int Version { get; init; }

    public long Started { get; init; }

    public long Completed { get; init; }

    public long Failed { get; init; }

    public long Compensated { get; init; }

    public long Cancelled { get; init; }

    public long Rejected { get; init; }

    public long NeedsAttention { get; init; }

    /// <summary>Completed over ended (completed, failed, compensated, cancelled); null when none ended.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? SuccessRate { get; init; }

    /// <summary>From start to end, of the runs that ended in the window.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Percentiles? DurationMs { get; init; }

    public IReadOnlyList<FailureCount> Failures { get; init; } = [];

    public IReadOnlyList<StepStats> Steps { get; init; } = [];

    /// <summary>One entry per bucket, when a series was asked for.</summary>
    public IReadOnlyList<SeriesPoint>? Series { get; init; }
}
