namespace Sagas.Analytics.Histograms;

/// <summary>A distribution in three numbers, in milliseconds (<c>"durationMs": {"p50", "p95", "p99"}</c>).</summary>
public sealed record Percentiles(double P50, double P95, double P99);
