using System.Globalization;
using System.Text;

namespace Sagas.Bench.Reporting;

/// <summary>The report as a markdown table, for the terminal and the README.</summary>
internal static class MarkdownTable
{
    public static string Of(BenchReport report)
    {
        var text = new StringBuilder();
        var b = report.Baselines;
        text.AppendLine(CultureInfo.InvariantCulture, $"{report.Date:yyyy-MM-dd}, {report.Machine.Cores} cores, {report.Machine.MemoryGiB} GiB, {report.Machine.Cpu}; RabbitMQ {report.Machine.RabbitMq}, PostgreSQL {report.Machine.PostgreSql}, MassTransit {report.Machine.MassTransit}, Marten {report.Machine.Marten}, {report.Machine.Dotnet} ({report.Mode} run).");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Baselines: {b.MessagesPerSecond:F0} messages/s (MassTransit + RabbitMQ, durable, confirms), {b.TransactionsPerSecond:F0} transactions/s (Marten, one step's work each), prefetch {b.PrefetchCount}; bound {b.BoundStepsPerSecond:F0} steps/s = {b.Bound}.");
        text.AppendLine();
        text.AppendLine("| scenario | workflows | wf/s | steps/s | efficiency | overhead p50 / p95 / p99 ms | e2e p50 / p99 ms | CPU ms/step orch / worker / rabbit / pg | peak MB orch / worker | OCC retries/step |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var s in report.Scenarios)
        {
            if (s.PostgresBytesPerWorkflow is { } bytes)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {s.Name} | {s.Unfinished} waiting | {s.WorkflowsPerSecond} started | – | – | – | – | – | orchestrator {s.OrchestratorMemoryMbAtTenth} MB at a tenth, {s.OrchestratorMemoryMbAtEnd} MB at the end | {bytes:F0} bytes of PostgreSQL per waiting workflow |");
                continue;
            }

            // A scenario that did not meter a figure (the degraded ones meter no CPU) shows a dash, not a zero.
            var cpu = s.CpuSecondsPerStep;
            string Ms(string part) => cpu?.GetValueOrDefault(part) is { } seconds ? (seconds * 1000).ToString("F2", CultureInfo.InvariantCulture) : "–";
            var peak = s.PeakMemoryMb;
            string Mb(string part) => peak?.GetValueOrDefault(part) is { } mb ? mb.ToString(CultureInfo.InvariantCulture) : "–";
            string Or(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "–";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Name}{(s.MeasuredAt is { } at ? $" ({at:yyyy-MM-dd})" : "")} | {s.Completed + s.Failed}/{s.Workflows} | {s.WorkflowsPerSecond} | {s.StepsPerSecond} | {Or(s.Efficiency)} | {Or(s.P50Ms)} / {Or(s.P95Ms)} / {Or(s.P99Ms)} | {s.E2eP50Ms} / {s.E2eP99Ms} | {Ms("orchestrator")} / {Ms("worker")} / {Ms("rabbitmq")} / {Ms("postgres")} | {Mb("orchestrator")} / {Mb("worker")} | {s.OccRetriesPerStep} |");
        }

        AppendPeers(text, report.Peers);
        AppendDegraded(text, report.Scenarios);
        return text.ToString();
    }

    private static void AppendPeers(StringBuilder text, IReadOnlyList<Peers.PeerResult> peers)
    {
        if (peers.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("Peers: what a team would run instead on the same parts (same broker, database, durability and noop worker; README.md, Benchmark, says what each does).");
        text.AppendLine();
        text.AppendLine("| peer | workflows | wf/s | steps/s | e2e p50 / p99 ms | CPU ms/step peer / worker / rabbit / pg | peak MB peer / worker | Sagas linear-5 ÷ peer |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var p in peers)
        {
            var cpu = p.CpuMsPerStep ?? [];
            string Ms(string part) => cpu.GetValueOrDefault(part).ToString("F2", CultureInfo.InvariantCulture);
            var peak = p.PeakMemoryMb ?? [];
            var ratio = p.SagasRatio is { } r ? $"{r:F2}×" : "–";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Name} | {p.Completed + p.Failed}/{p.Workflows} | {p.WorkflowsPerSecond} | {p.StepsPerSecond} | {p.E2eP50Ms} / {p.E2eP99Ms} | {Ms("peer")} / {Ms("worker")} / {Ms("rabbitmq")} / {Ms("postgres")} | {peak.GetValueOrDefault("peer")} / {peak.GetValueOrDefault("worker")} | {ratio} |");
        }
    }

    private static void AppendDegraded(StringBuilder text, IReadOnlyList<Scenarios.ScenarioResult> scenarios)
    {
        var degraded = scenarios.Where(s => s.Degraded is not null).ToList();
        if (degraded.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("One instance goes bad (linear-5 over three noop instances at a fixed rate; by the phase each workflow started in).");
        text.AppendLine();
        text.AppendLine("| scenario | phase | workflows | failed | e2e p50 / p99 ms |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var s in degraded)
        {
            foreach (var (phase, p) in s.Degraded!.Phases)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {s.Name} | {phase} | {p.Workflows} | {p.Failed} | {p.E2eP50Ms} / {p.E2eP99Ms} |");
            }
        }

        text.AppendLine();
        text.AppendLine("| scenario | failed attempts | retries | reacted to slow / failing after s | share of steps to slow / failing instance once bad |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var s in degraded)
        {
            var d = s.Degraded!;
            string Or(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "–";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Name} | {d.FailedAttempts} | {d.Retries} | {Or(d.ReactionSeconds.GetValueOrDefault("latency"))} / {Or(d.ReactionSeconds.GetValueOrDefault("error_rate"))} | {Or(d.BadInstanceShare.GetValueOrDefault("slow"))} / {Or(d.BadInstanceShare.GetValueOrDefault("failing"))} |");
        }
    }
}
