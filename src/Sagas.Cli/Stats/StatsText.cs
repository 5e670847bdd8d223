using System.Globalization;
using Sagas.Analytics.Buckets;
using Sagas.Analytics.Histograms;
using Sagas.Analytics.Stats;

namespace Sagas.Cli.Stats;

/// <summary><c>sagas stats</c> for a person: a line per definition, then its failures and steps, then the services.</summary>
internal static class StatsText
{
    private const int ReasonWidth = 90;

    public static void Write(TextWriter output, StatsReport report, Granularity granularity)
    {
        output.WriteLine($"from {Moment(report.Since)} to {Moment(report.Until)}" +
            (report.Degraded ? "" : $" ({BucketTime.NameOf(granularity)} buckets)"));
        if (report.Degraded)
        {
            output.WriteLine($"DEGRADED: {report.Reason}");
        }

        if (report.Definitions.Count == 0)
        {
            output.WriteLine("no workflows in this window");
            return;
        }

        output.WriteLine();
        TextTable.Write(
            output,
            ["DEFINITION", "STARTED", "COMPLETED", "FAILED", "COMPENSATED", "CANCELLED", "SUCCESS", "DURATION P50 / P95 / P99"],
            report.Definitions.Select(d => new[]
            {
                $"{d.Definition} v{d.Version}", Count(d.Started), Count(d.Completed), Count(d.Failed), Count(d.Compensated), Count(d.Cancelled),
                d.SuccessRate is { } rate ? rate.ToString("P1", CultureInfo.InvariantCulture) : "-", Latency(d.DurationMs),
            }));

        foreach (var definition in report.Definitions)
        {
            WriteDetail(output, definition);
        }

        if (report.Services.Count > 0)
        {
            output.WriteLine();
            TextTable.Write(
                output,
                ["SERVICE", "INSTANCE", "ATTEMPTS", "COMPLETED", "FAILED", "TIMEOUTS", "RETRIES", "QUEUE WAIT P50 / P99", "EXECUTION P50 / P99"],
                report.Services.SelectMany(s => s.Instances
                    .Select(i => Row(s.Service, $"{i.Node} ({i.Endpoint})", i.Totals))
                    .Prepend(Row(s.Service, "all", s.Totals))));
        }
    }

    private static void WriteDetail(TextWriter output, DefinitionStats definition)
    {
        if (definition.Failures.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"{definition.Definition} v{definition.Version}: why runs did not complete");
            foreach (var failure in definition.Failures)
            {
                output.WriteLine($"  {failure.Count,6}  {TextTable.OneLine(failure.Reason, ReasonWidth)}");
            }
        }

        if (definition.Steps.Count > 0)
        {
            output.WriteLine();
            TextTable.Write(
                output,
                ["STEP", "SERVICES", "DISPATCHES", "COMPLETED", "FAILED", "TIMEOUTS", "RETRIES", "REROUTES", "UNDONE", "QUEUE WAIT P50 / P99", "EXECUTION P50 / P99"],
                definition.Steps.Select(s => new[]
                {
                    s.Step ?? "-", string.Join(",", s.Services ?? []), Count(s.Dispatches), Count(s.Completed), Count(s.Failed),
                    Count(s.Timeouts), Count(s.Retries), Count(s.Reroutes), Count(s.Compensations), Short(s.QueueWaitMs), Short(s.ExecutionMs),
                }));
        }

        foreach (var point in definition.Series ?? [])
        {
            output.WriteLine($"  {Moment(point.BucketStart)}  started {point.Started}  completed {point.Completed}  failed {point.Failed}" +
                $"  compensated {point.Compensated}  cancelled {point.Cancelled}  duration {Latency(point.DurationMs)}");
        }
    }

    private static string[] Row(string service, string instance, StepStats totals) =>
    [
        service, instance, Count(totals.Attempts), Count(totals.Completed), Count(totals.Failed), Count(totals.Timeouts), Count(totals.Retries),
        Short(totals.QueueWaitMs), Short(totals.ExecutionMs),
    ];

    private static string Count(long count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Latency(Percentiles? p) => p is null ? "-" : $"{Ms(p.P50)} / {Ms(p.P95)} / {Ms(p.P99)}";

    private static string Short(Percentiles? p) => p is null ? "-" : $"{Ms(p.P50)} / {Ms(p.P99)}";

    private static string Ms(double ms) => ms >= 10_000
        ? $"{ms / 1000:F0} s"
        : ms >= 100 ? $"{ms:F0} ms" : $"{ms.ToString("0.##", CultureInfo.InvariantCulture)} ms";

    private static string Moment(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
