namespace Sagas.Definitions.Policies;

/// <summary>
/// <c>orchestration.analytics</c>: whether the analytics run, and which figures they report beside
/// the counts. On, with every metric, when the file says nothing (or there is no file).
/// </summary>
public sealed record AnalyticsPolicy
{
    public static readonly AnalyticsPolicy Default = new();

    public bool Enabled { get; init; } = true;

    public IReadOnlySet<AnalyticsMetric> Metrics { get; init; } = new HashSet<AnalyticsMetric>(Enum.GetValues<AnalyticsMetric>());
}
