namespace Sagas.Analytics.Health;

/// <summary>What this node last saw of the analytics: read by its health endpoint and its metrics, written by <see cref="AnalyticsWatch"/>.</summary>
public sealed class AnalyticsStatus
{
    private volatile Snapshot _now = new(null, null);

    /// <summary>The last lag read; null before the first.</summary>
    public AnalyticsLag? Lag => _now.Lag;

    /// <summary>Why the analytics are degraded; null while they are not.</summary>
    public string? Degraded => _now.Degraded;

    public void Observe(AnalyticsLag lag, string? degraded) => _now = new Snapshot(lag, degraded);

    private sealed record Snapshot(AnalyticsLag? Lag, string? Degraded);
}
