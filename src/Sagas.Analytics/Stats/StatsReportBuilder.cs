using Sagas.Analytics.Tally;

namespace Sagas.Analytics.Stats;

/// <summary>Sums stats rows into a report: per definition and step, per service and instance, and per bucket for a series.</summary>
public static class StatsReportBuilder
{
    /// <summary>Reasons listed per definition, step or service: the most frequent.</summary>
    public const int TopFailures = 10;

    public static StatsReport Build(StatsRequest request, DateTimeOffset since, IReadOnlyList<WorkflowRow> workflows, IReadOnlyList<StepRow> steps)
    {
        var stepsByDefinition = steps.ToLookup(s => (s.Key.Definition, s.Key.Version));
        var definitions = workflows
            .GroupBy(w => (w.Key.Definition, w.Key.Version))
            .Select(d => d.Key)
            .Union(stepsByDefinition.Select(s => s.Key))
            .OrderBy(d => d.Definition, StringComparer.Ordinal)
            .ThenByDescending(d => d.Version)
            .Select(d => DefinitionOf(request, d.Definition, d.Version, [.. workflows.Where(w => w.Key.Definition == d.Definition && w.Key.Version == d.Version)], [.. stepsByDefinition[d]]))
            .ToList();
        return new StatsReport
        {
            Since = since,
            Until = request.Until,
            Definitions = definitions,
            Services = [.. steps.GroupBy(s => s.Key.Service).OrderBy(s => s.Key, StringComparer.Ordinal).Select(ServiceOf)],
        };
    }

    private static DefinitionStats DefinitionOf(StatsRequest request, string definition, int version, IReadOnlyList<WorkflowRow> rows, IReadOnlyList<StepRow> steps)
    {
        var total = Sum(rows.Select(r => r.Counts));
        return new DefinitionStats
        {
            Definition = definition,
            Version = version,
            Started = total.Started,
            Completed = total.Completed,
            Failed = total.Failed,
            Compensated = total.Compensated,
            Cancelled = total.Cancelled,
            Rejected = total.Rejected,
            NeedsAttention = total.NeedsAttention,
            SuccessRate = SuccessRateOf(total),
            DurationMs = total.Durations.Percentiles(),
            Failures = FailuresOf(total.Failures),
            Steps = [.. steps.GroupBy(s => s.Key.Step).OrderBy(s => s.Key, StringComparer.Ordinal).Select(StepOf)],
            Series = request.By is null ? null : [.. rows.GroupBy(r => r.Key.BucketStart).OrderBy(b => b.Key).Select(PointOf)],
        };
    }

    private static StepStats StepOf(IGrouping<string, StepRow> rows) => StatsOf(Sum(rows.Select(r => r.Counts))) with
    {
        Step = rows.Key,
        Services = [.. rows.Select(r => r.Key.Service).Distinct().Order(StringComparer.Ordinal)],
    };

    private static ServiceStats ServiceOf(IGrouping<string, StepRow> rows) => new()
    {
        Service = rows.Key,
        Totals = StatsOf(Sum(rows.Select(r => r.Counts))),
        Instances = [.. rows
            .Where(r => r.Key.Node != StepBucketKey.NoNode)
            .GroupBy(r => (r.Key.Node, r.Key.Endpoint))
            .OrderBy(i => i.Key.Node, StringComparer.Ordinal).ThenBy(i => i.Key.Endpoint, StringComparer.Ordinal)
            .Select(i => new InstanceStats { Node = i.Key.Node, Endpoint = i.Key.Endpoint, Totals = StatsOf(Sum(i.Select(r => r.Counts))) })],
    };

    private static SeriesPoint PointOf(IGrouping<DateTimeOffset, WorkflowRow> bucket)
    {
        var total = Sum(bucket.Select(r => r.Counts));
        return new SeriesPoint
        {
            BucketStart = bucket.Key,
            Started = total.Started,
            Completed = total.Completed,
            Failed = total.Failed,
            Compensated = total.Compensated,
            Cancelled = total.Cancelled,
            SuccessRate = SuccessRateOf(total),
            DurationMs = total.Durations.Percentiles(),
        };
    }

    private static StepStats StatsOf(StepBucketDelta total) => new()
    {
        Dispatches = total.Dispatches,
        Attempts = total.Attempts,
        Completed = total.Completed,
        Failed = total.Failed,
        Retries = total.Retries,
        Timeouts = total.Timeouts,
        Reroutes = total.Reroutes,
        Compensations = total.Compensations,
        CompensationFailures = total.CompensationFailures,
        Failures = FailuresOf(total.Failures),
        QueueWaitMs = total.QueueWait.Percentiles(),
        ExecutionMs = total.Execution.Percentiles(),
    };

    private static double? SuccessRateOf(WorkflowBucketDelta total) =>
        total.Ended == 0 ? null : Math.Round((double)total.Completed / total.Ended, 4);

    private static IReadOnlyList<FailureCount> FailuresOf(FailureCounts failures) =>
        [.. failures.Top(TopFailures).Select(f => new FailureCount(f.Key, f.Value))];

    private static WorkflowBucketDelta Sum(IEnumerable<WorkflowBucketDelta> rows)
    {
        var total = new WorkflowBucketDelta();
        foreach (var row in rows)
        {
            total.Add(row);
        }

        return total;
    }

    private static StepBucketDelta Sum(IEnumerable<StepBucketDelta> rows)
    {
        var total = new StepBucketDelta();
        foreach (var row in rows)
        {
            total.Add(row);
        }

        return total;
    }
}
