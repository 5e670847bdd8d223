using System.Diagnostics;
using Sagas.Bench.Observation;

namespace Sagas.Bench.Scenarios;

/// <summary>
/// <c>degraded-instance</c>: linear-5 at a fixed rate over three noop instances (each its own
/// worker process, 5 ms a call). A third of the way in, instance B becomes ten times slower; two
/// thirds in, instance C also starts failing every other call (retryable; the default retry policy
/// tries again). Run once with round robin over the healthy instances and once with every adaptive
/// trigger on, the same load, so the figures say what adapting buys.
/// </summary>
internal sealed class DegradedInstance(BenchSettings settings)
{
    public const string Healthy = "healthy", OneSlow = "one-slow", SlowAndFailing = "slow-and-failing";
    private const string Fast = "slow:5", TenTimesSlower = "slow:50", FailingHalf = "flapping:1";
    private static readonly TimeSpan Registered = TimeSpan.FromSeconds(60);

    private readonly DegradedStreams _streams = new(settings.PostgresConnectionString);

    public async Task<ScenarioResult> RunAsync(string name, string policies)
    {
        var logs = Path.Combine(settings.ResultsPath, "logs");
        Directory.CreateDirectory(logs);
        var simulations = Enumerable.Range(0, 3).Select(i => Path.Combine(logs, $"{name}-instance-{(char)('a' + i)}.simulation")).ToArray();
        foreach (var file in simulations)
        {
            File.Delete(file);
        }

        await _streams.ForgetNodesAsync();
        await using var orchestrator = await NodeProcess.StartAsync(settings, Path.Combine(logs, $"{name}-orchestrator.log"), policies, false, "--orchestrator");
        var workers = new List<NodeProcess>();
        try
        {
            foreach (var (file, i) in simulations.Select((f, i) => (f, i)))
            {
                var own = new Dictionary<string, string> { ["Sagas__Samples__Simulate__noop"] = Fast, ["Sagas__Samples__SimulationFile"] = file };
                workers.Add(await NodeProcess.StartAsync(settings, Path.Combine(logs, $"{name}-worker-{(char)('a' + i)}.log"), policies, false, own, "--worker", "noop"));
            }

            var queues = await InstancesOfAsync(workers);
            return await MeasureAsync(name, orchestrator, workers, queues, simulations);
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    private async Task<ScenarioResult> MeasureAsync(string name, NodeProcess orchestrator, List<NodeProcess> workers, Dictionary<int, string> queues, string[] simulations)
    {
        var rate = settings.Quick ? 10.0 : 30.0;
        var duration = TimeSpan.FromSeconds(settings.Quick ? 6 : 60);
        await using var listener = await CompletionListener.StartAsync(settings);
        await using var load = await StartLoad.ConnectAsync(settings);

        // Warm, with every instance healthy: the processes JIT, and the orchestrator learns each instance's latency.
        var warmUp = await load.FixedRateAsync("linear-5", rate, TimeSpan.FromSeconds(settings.Quick ? 2 : 15), ScenarioPlan.NoInput);
        await listener.WaitForAsync(warmUp.Keys, quiet: TimeSpan.FromSeconds(30));

        var mark = await _streams.MarkAsync();
        var retriesBefore = orchestrator.Retries;
        var begin = Stopwatch.GetTimestamp();
        var changes = ChangeAsync(duration, simulations);
        var started = await load.FixedRateAsync("linear-5", rate, duration, ScenarioPlan.NoInput);
        var (slowFrom, failingFrom) = await changes;
        await listener.WaitForAsync(started.Keys, quiet: TimeSpan.FromSeconds(60));

        var ended = started.Keys.Where(listener.Ended.ContainsKey).ToDictionary(id => id, id => listener.Ended[id]);
        var last = ended.Count == 0 ? Stopwatch.GetTimestamp() : ended.Values.Max(e => e.At);
        var seconds = Stopwatch.GetElapsedTime(begin, last).TotalSeconds;
        var steps = await _streams.AttemptsAsync(mark);
        var stepCount = await StreamAnalysis.CountAsync(settings.PostgresConnectionString, $"mt_events where seq_id > {mark} and type in ('step_completed', 'step_failed')");
        var e2e = ended.ToDictionary(e => e.Key, e => Stopwatch.GetElapsedTime(started[e.Key], e.Value.At).TotalMilliseconds);

        PhaseFigures Phase(long from, long until)
        {
            var ids = started.Where(s => s.Value >= from && s.Value < until).Select(s => s.Key).ToList();
            var latencies = ids.Where(e2e.ContainsKey).Select(id => e2e[id]).ToList();
            return new PhaseFigures(ids.Count, ids.Count(id => ended.TryGetValue(id, out var end) && !end.Completed), Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 99));
        }

        var slow = queues[workers[1].Pid];
        var failing = queues[workers[2].Pid];
        Console.WriteLine($"  instance B (slowed at {slowFrom.At:HH:mm:ss.fff}) {slow}, C (failing at {failingFrom.At:HH:mm:ss.fff}) {failing}");
        foreach (var line in await _streams.AdaptationsAsync(mark))
        {
            Console.WriteLine($"  {line}");
        }

        return new ScenarioResult
        {
            Name = name,
            Workflows = started.Count,
            Completed = ended.Values.Count(e => e.Completed),
            Failed = ended.Values.Count(e => !e.Completed),
            Unfinished = started.Count - ended.Count,
            Steps = stepCount,
            Seconds = Math.Round(seconds, 3),
            WorkflowsPerSecond = Math.Round(ended.Count / seconds, 1),
            StepsPerSecond = Math.Round(stepCount / seconds, 1),
            E2eP50Ms = Percentiles.Of([.. e2e.Values], 50),
            E2eP99Ms = Percentiles.Of([.. e2e.Values], 99),
            OccRetriesPerStep = stepCount == 0 ? 0 : Math.Round((orchestrator.Retries - retriesBefore) / (double)stepCount, 4),
            ArrivalRatePerSecond = rate,
            Degraded = new DegradedFigures(
                new Dictionary<string, PhaseFigures>
                {
                    [Healthy] = Phase(long.MinValue, slowFrom.Ticks),
                    [OneSlow] = Phase(slowFrom.Ticks, failingFrom.Ticks),
                    [SlowAndFailing] = Phase(failingFrom.Ticks, long.MaxValue),
                },
                steps.Failed,
                steps.Retries,
                new Dictionary<string, double?>
                {
                    ["latency"] = await _streams.ReactionSecondsAsync(mark, slowFrom.At, "latency"),
                    ["error_rate"] = await _streams.ReactionSecondsAsync(mark, failingFrom.At, "error_rate"),
                },
                new Dictionary<string, double?>
                {
                    ["slow"] = await _streams.ShareAsync(mark, slowFrom.At, slow),
                    ["failing"] = await _streams.ShareAsync(mark, failingFrom.At, failing),
                }),
        };
    }

    /// <summary>Makes instance B ten times slower a third of the way in and C fail every other call at two thirds; returns when each changed.</summary>
    private static async Task<(Change Slow, Change Failing)> ChangeAsync(TimeSpan duration, string[] simulations)
    {
        // Pacing the scenario's script is the point here; this waits for the schedule, not for the system.
        await Task.Delay(duration / 3);
        var slow = Change.Now();
        await File.WriteAllTextAsync(simulations[1], $"noop={TenTimesSlower}\n");
        await Task.Delay(duration / 3);
        var failing = Change.Now();
        await File.WriteAllTextAsync(simulations[2], $"noop={FailingHalf}\n");
        return (slow, failing);
    }

    /// <summary>Waits until each worker's noop instance is registered and healthy; its queue by process id.</summary>
    private async Task<Dictionary<int, string>> InstancesOfAsync(List<NodeProcess> workers)
    {
        var waited = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await poll.WaitForNextTickAsync())
        {
            var queues = await _streams.NoopInstancesAsync();
            if (workers.All(w => queues.ContainsKey(w.Pid)))
            {
                return queues;
            }

            if (waited.Elapsed > Registered)
            {
                throw new InvalidOperationException($"the noop instances did not all register within {Registered.TotalSeconds:F0} s (registered: {string.Join(", ", queues.Values)})");
            }
        }

        throw new InvalidOperationException("unreachable");
    }

    /// <summary>When a change was made, on both clocks: the load's (Stopwatch ticks) and the database's (UTC).</summary>
    private readonly record struct Change(long Ticks, DateTimeOffset At)
    {
        public static Change Now() => new(Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
    }
}
