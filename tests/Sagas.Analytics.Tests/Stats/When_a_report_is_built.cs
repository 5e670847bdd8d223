using Sagas.Analytics.Buckets;
using Sagas.Analytics.Stats;
using Sagas.Analytics.Tally;

namespace Sagas.Analytics.Tests.Stats;

public sealed class When_a_report_is_built
{
    private static readonly DateTimeOffset Minute = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private static readonly StatsRequest Request = new() { Since = Minute, Until = Minute.AddMinutes(5) };

    [Fact]
    public void Buckets_sum_per_definition_and_the_success_rate_is_a_share_of_the_runs_that_ended()
    {
        var rows = new[] { Workflow(0, started: 10, completed: 6, failed: 1), Workflow(1, started: 0, completed: 2, failed: 1) };

        var definition = Assert.Single(StatsReportBuilder.Build(Request, Minute, rows, []).Definitions);

        Assert.Equal((10L, 8L, 2L), (definition.Started, definition.Completed, definition.Failed));
        Assert.Equal(0.8, definition.SuccessRate);
        Assert.Null(definition.Series);
    }

    [Fact]
    public void Steps_sum_over_services_and_nodes_and_services_list_each_instance_that_answered()
    {
        var steps = new[]
        {
            Step("charge", "payment", StepBucketKey.NoNode, d => d.Dispatches = 3),
            Step("charge", "payment", "node-a", d => d.Completed = 2),
            Step("charge", "payment-backup", "node-b", d => d.Completed = 1),
        };

        var report = StatsReportBuilder.Build(Request, Minute, [Workflow(0, 3, 3, 0)], steps);

        var charge = Assert.Single(Assert.Single(report.Definitions).Steps);
        Assert.Equal((3L, 3L), (charge.Dispatches, charge.Completed));
        Assert.Equal(["payment", "payment-backup"], charge.Services);
        var payment = report.Services.Single(s => s.Service == "payment");
        Assert.Equal(3, payment.Totals.Dispatches);
        Assert.Equal("node-a", Assert.Single(payment.Instances).Node);
    }

    [Fact]
    public void A_series_has_one_point_per_bucket_in_time_order()
    {
        var report = StatsReportBuilder.Build(Request with { By = Granularity.Minute }, Minute, [Workflow(2, 1, 1, 0), Workflow(0, 4, 0, 0)], []);

        var series = Assert.Single(report.Definitions).Series!;
        Assert.Equal([Minute, Minute.AddMinutes(2)], series.Select(p => p.BucketStart));
        Assert.Equal([4L, 1L], series.Select(p => p.Started));
    }

    [Fact]
    public void A_short_window_reads_minutes_and_a_long_one_hours()
    {
        Assert.Equal(Granularity.Minute, Request.Granularity);
        Assert.Equal(Granularity.Hour, (Request with { Since = Minute.AddDays(-1) }).Granularity);
    }

    private static WorkflowRow Workflow(int minute, long started, long completed, long failed) =>
        new(new WorkflowBucketKey(Granularity.Minute, Minute.AddMinutes(minute), "order", 1),
            new WorkflowBucketDelta { Started = started, Completed = completed, Failed = failed });

    private static StepRow Step(string step, string service, string node, Action<StepBucketDelta> counts)
    {
        var delta = new StepBucketDelta();
        counts(delta);
        return new StepRow(new StepBucketKey(Granularity.Minute, Minute, "order", 1, step, service, service, node), delta);
    }
}
