using Sagas.Definitions.Policies;

namespace Sagas.Analytics.Stats;

/// <summary>
/// Leaves out of a report the figures <c>orchestration.analytics.metrics</c> does not name: the
/// counts always stay; latency percentiles, success rates and failures by reason only when asked for.
/// </summary>
public static class StatsMetrics
{
    public static StatsReport Showing(this StatsReport report, IReadOnlySet<AnalyticsMetric> metrics)
    {
        var latency = metrics.Contains(AnalyticsMetric.Latency);
        var successRate = metrics.Contains(AnalyticsMetric.SuccessRate);
        var failures = metrics.Contains(AnalyticsMetric.Failures);
        if (latency && successRate && failures)
        {
            return report;
        }

        StepStats Step(StepStats step) => step with
        {
            QueueWaitMs = latency ? step.QueueWaitMs : null,
            ExecutionMs = latency ? step.ExecutionMs : null,
            Failures = failures ? step.Failures : [],
        };

        return report with
        {
            Definitions = [.. report.Definitions.Select(d => d with
            {
                DurationMs = latency ? d.DurationMs : null,
                SuccessRate = successRate ? d.SuccessRate : null,
                Failures = failures ? d.Failures : [],
                Steps = [.. d.Steps.Select(Step)],
                Series = d.Series?.Select(p => p with { DurationMs = latency ? p.DurationMs : null, SuccessRate = successRate ? p.SuccessRate : null }).ToList(),
            })],
            Services = [.. report.Services.Select(s => s with
            {
                Totals = Step(s.Totals),
                Instances = [.. s.Instances.Select(i => i with { Totals = Step(i.Totals) })],
            })],
        };
    }
}
