using Sagas.Analytics.Histograms;
using Sagas.Analytics.Stats;
using Sagas.Definitions.Policies;

namespace Sagas.Analytics.Tests.Stats;

public sealed class When_metrics_are_chosen
{
    private static readonly StatsReport Full = new()
    {
        Since = DateTimeOffset.UnixEpoch,
        Until = DateTimeOffset.UnixEpoch,
        Definitions =
        [
            new DefinitionStats
            {
                Definition = "order", Version = 1, Started = 3, Completed = 2, Failed = 1, SuccessRate = 0.667,
                DurationMs = new Percentiles(1, 2, 3), Failures = [new FailureCount("declined", 1)],
                Steps = [new StepStats { Step = "charge", Completed = 2, ExecutionMs = new Percentiles(1, 2, 3), Failures = [new FailureCount("declined", 1)] }],
            },
        ],
    };

    [Fact]
    public void Every_metric_keeps_the_report_as_it_is()
    {
        Assert.Same(Full, Full.Showing(AnalyticsPolicy.Default.Metrics));
    }

    [Fact]
    public void Counts_stay_and_what_is_not_named_is_left_out()
    {
        var definition = Assert.Single(Full.Showing(new HashSet<AnalyticsMetric> { AnalyticsMetric.SuccessRate }).Definitions);

        Assert.Equal((3L, 2L, 0.667), (definition.Started, definition.Completed, definition.SuccessRate));
        Assert.Null(definition.DurationMs);
        Assert.Empty(definition.Failures);
        Assert.Null(definition.Steps[0].ExecutionMs);
        Assert.Equal(2, definition.Steps[0].Completed);
    }
}
