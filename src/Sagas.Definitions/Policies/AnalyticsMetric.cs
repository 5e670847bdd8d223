namespace Sagas.Definitions.Policies;

/// <summary>What <c>orchestration.analytics.metrics</c> may name: the figures the stats report.</summary>
public enum AnalyticsMetric
{
    /// <summary><c>latency</c>: durations, queue waits and execution times as p50 / p95 / p99.</summary>
    Latency,

    /// <summary><c>success_rate</c>: completed over ended.</summary>
    SuccessRate,

    /// <summary><c>failures</c>: the reasons runs and attempts did not complete, counted.</summary>
    Failures,
}
