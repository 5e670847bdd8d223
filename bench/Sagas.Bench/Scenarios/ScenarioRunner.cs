using System.Diagnostics;
using Marten;
using Sagas.Analytics.Hosting;
using Sagas.Analytics.Projection;
using Sagas.Bench.Observation;
using Sagas.Orchestration.Persistence;
using Sagas.Testing;

namespace Sagas.Bench.Scenarios;

/// <summary>Runs one scenario against running nodes and turns what it observed into figures.</summary>
internal sealed class ScenarioRunner(BenchSettings settings, double boundStepsPerSecond) : IDisposable
{
    private readonly DocumentStore _store = DocumentStore.For(options => AnalyticsStore.ConfigureWithWorkflows(options, settings.PostgresConnectionString));

    /// <summary>Every stream, document and analytics row (see <see cref="StoreWipe"/>), the schema applied first.</summary>
    public async Task WipeAsync()
    {
        await _store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await StoreWipe.WipeAsync(_store);
    }

    public async Task<ScenarioResult> RunAsync(ScenarioPlan plan, Nodes nodes)
    {
        await using var listener = await CompletionListener.StartAsync(settings);
        await using var load = await StartLoad.ConnectAsync(settings);

        // Fresh processes JIT and fill their pools on the first workflows: rounds of a tenth, untimed, first.
        await WarmUp.RunAsync(settings, "workflow", async () =>
        {
            var warmup = await load.FlatOutAsync(plan.Definition, Math.Max(5, plan.Workflows / 10), plan.Input);
            await listener.WaitForAsync(warmup.Keys, quiet: TimeSpan.FromSeconds(30));
            await WipeAsync();
            return warmup.Count;
        }, nodes.Orchestrator.Pid, nodes.Worker?.Pid);
        if (plan.Analytics)
        {
            await AnalyticsSettle.AfterWipeAsync(_store, settings.PostgresConnectionString);
        }

        var cpu = new CpuMeter(new Dictionary<string, int?> { ["orchestrator"] = nodes.Orchestrator.Pid, ["worker"] = nodes.Worker?.Pid });
        var retriesBefore = nodes.Orchestrator.Retries;
        await using var lag = plan.Analytics ? AnalyticsLagSampler.Start(settings.PostgresConnectionString) : null;
        cpu.Start();
        var begin = Stopwatch.GetTimestamp();

        var started = plan.RatePerSecond is { } rate
            ? await load.FixedRateAsync(plan.Definition, rate, plan.Duration!.Value, plan.Input)
            : await load.FlatOutAsync(plan.Definition, plan.Workflows, plan.Input);
        await listener.WaitForAsync(started.Keys, quiet: TimeSpan.FromSeconds(30));

        var ended = started.Keys.Where(listener.Ended.ContainsKey).Select(id => (Id: id, End: listener.Ended[id])).ToList();
        var last = ended.Count == 0 ? Stopwatch.GetTimestamp() : ended.Max(e => e.End.At);
        var seconds = Stopwatch.GetElapsedTime(begin, last).TotalSeconds;
        var cpuUsed = cpu.Stop();
        (double LagP99Ms, double? CatchUpMs)? analytics = lag is null ? null : await lag.StopAsync();
        var steps = await StreamAnalysis.CountAsync(settings.PostgresConnectionString, "mt_events where type in ('step_completed', 'step_failed')");
        var overheads = await StreamAnalysis.StepOverheadsMsAsync(settings.PostgresConnectionString);
        var e2e = ended.Select(e => Stopwatch.GetElapsedTime(started[e.Id], e.End.At).TotalMilliseconds).ToList();
        var stepsPerSecond = steps / seconds;

        return new ScenarioResult
        {
            Name = plan.Name,
            Workflows = started.Count,
            Completed = ended.Count(e => e.End.Completed),
            Failed = ended.Count(e => !e.End.Completed),
            Unfinished = started.Count - ended.Count,
            Steps = steps,
            Seconds = Math.Round(seconds, 3),
            WorkflowsPerSecond = Math.Round(ended.Count / seconds, 1),
            StepsPerSecond = Math.Round(stepsPerSecond, 1),
            P50Ms = Percentiles.Of(overheads, 50),
            P95Ms = Percentiles.Of(overheads, 95),
            P99Ms = Percentiles.Of(overheads, 99),
            E2eP50Ms = Percentiles.Of(e2e, 50),
            E2eP99Ms = Percentiles.Of(e2e, 99),
            CpuSecondsPerStep = cpuUsed.ToDictionary(c => c.Key, c => steps == 0 ? 0 : Math.Round(c.Value / steps, 6)),
            PeakMemoryMb = PeakMemory(nodes),
            OccRetriesPerStep = steps == 0 ? 0 : Math.Round((nodes.Orchestrator.Retries - retriesBefore) / (double)steps, 4),
            Efficiency = Math.Round(stepsPerSecond / boundStepsPerSecond, 3),
            ArrivalRatePerSecond = plan.RatePerSecond is { } r ? Math.Round(r, 1) : null,
            AnalyticsLagP99Ms = analytics?.LagP99Ms,
            AnalyticsCatchUpMs = analytics?.CatchUpMs,
        };
    }

    /// <summary>
    /// Workflows that wait on a step no worker answers: the orchestrator's memory as they pile
    /// up, and what each costs in PostgreSQL.
    /// </summary>
    public async Task<ScenarioResult> RunIdleAsync(int workflows, Nodes nodes)
    {
        await WipeAsync();
        var bytesBefore = await StreamAnalysis.SchemaBytesAsync(settings.PostgresConnectionString);
        await using var load = await StartLoad.ConnectAsync(settings);
        var begin = Stopwatch.GetTimestamp();
        var publishing = load.FlatOutAsync("idle", workflows, ScenarioPlan.NoInput);

        double? atTenth = null;
        long waiting = 0;
        var lastProgress = Stopwatch.GetTimestamp();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (waiting < workflows && Stopwatch.GetElapsedTime(lastProgress) < TimeSpan.FromSeconds(60) && await poll.WaitForNextTickAsync())
        {
            var now = await StreamAnalysis.CountAsync(settings.PostgresConnectionString, "mt_doc_workflowstate");
            if (now != waiting)
            {
                lastProgress = Stopwatch.GetTimestamp();
            }

            waiting = now;
            if (atTenth is null && waiting >= workflows / 10)
            {
                atTenth = Math.Round(ProcessUsage.MemoryMb(nodes.Orchestrator.Pid), 1);
            }
        }

        await publishing;
        var seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        var bytes = await StreamAnalysis.SchemaBytesAsync(settings.PostgresConnectionString) - bytesBefore;
        return new ScenarioResult
        {
            Name = workflows >= 100_000 ? "idle-100k" : $"idle-{workflows}",
            Workflows = workflows,
            Unfinished = (int)waiting,
            Seconds = Math.Round(seconds, 1),
            WorkflowsPerSecond = Math.Round(waiting / seconds, 1),
            PeakMemoryMb = PeakMemory(nodes),
            OrchestratorMemoryMbAtTenth = atTenth,
            OrchestratorMemoryMbAtEnd = Math.Round(ProcessUsage.MemoryMb(nodes.Orchestrator.Pid), 1),
            PostgresBytesPerWorkflow = waiting == 0 ? null : Math.Round(bytes / (double)waiting, 0),
        };
    }

    private static Dictionary<string, double> PeakMemory(Nodes nodes)
    {
        var peak = new Dictionary<string, double> { ["orchestrator"] = Math.Round(ProcessUsage.PeakMemoryMb(nodes.Orchestrator.Pid), 1) };
        if (nodes.Worker is not null)
        {
            peak["worker"] = Math.Round(ProcessUsage.PeakMemoryMb(nodes.Worker.Pid), 1);
        }

        return peak;
    }

    public void Dispose() => _store.Dispose();
}
