namespace Sagas.Bench.Observation;

/// <summary>
/// Waits until freshly started processes have finished warming up: their CPU use over the last
/// second has fallen below a small share of a core. A node's warm-up load only counts calls; the
/// runtime then recompiles the hot methods at tier 1 in the background, for seconds (about 9 s
/// of one core on the bench machine, 2026-11-30). Measured inside a timed run, that one-time cost
/// shows up as a per-step cost, largest at low load where it is spread over the fewest steps.
/// </summary>
internal static class SettledProcesses
{
    // An idle node polls its outbox and timers: a few percent of a core; the background JIT takes most of one.
    private const double QuietShareOfCore = 0.10;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>Returns once every process is quiet, or after <paramref name="atMost"/>, with how long it waited.</summary>
    public static async Task<TimeSpan> WaitAsync(IEnumerable<int> pids, TimeSpan atMost)
    {
        var watched = pids.ToList();
        var started = DateTime.UtcNow;
        using var timer = new PeriodicTimer(Window);
        var before = watched.Select(ProcessUsage.CpuSeconds).ToList();
        while (await timer.WaitForNextTickAsync())
        {
            var now = watched.Select(ProcessUsage.CpuSeconds).ToList();
            var busiest = now.Zip(before, (after, then) => after - then).DefaultIfEmpty(0).Max();
            before = now;
            var waited = DateTime.UtcNow - started;
            if (busiest < QuietShareOfCore * Window.TotalSeconds || waited >= atMost)
            {
                return waited;
            }
        }

        return DateTime.UtcNow - started;
    }
}
