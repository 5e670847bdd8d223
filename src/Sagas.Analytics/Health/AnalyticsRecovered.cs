namespace Sagas.Analytics.Health;

/// <summary>The analytics caught up again: recorded once in the operations stream after an <see cref="AnalyticsDegraded"/>.</summary>
public sealed record AnalyticsRecovered
{
    public required string Node { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>Since the <see cref="AnalyticsDegraded"/> it ends.</summary>
    public required TimeSpan DegradedFor { get; init; }
}
