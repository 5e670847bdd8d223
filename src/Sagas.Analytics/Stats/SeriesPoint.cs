using Sagas.Analytics.Histograms;

namespace Sagas.Analytics.Stats;

/// <summary>A definition's version within one bucket of a series.</summary>
public sealed record SeriesPoint
{
    public required DateTimeOffset BucketStart { get; init; }

    public long Started { get; init; }

    public long Completed { get; init; }

    public long Failed { get; init; }

    public long Compensated { get; init; }

    public long Cancelled { get; init; }

    public double? SuccessRate { get; init; }

    public Percentiles? DurationMs { get; init; }
}
