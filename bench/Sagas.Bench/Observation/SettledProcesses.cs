namespace Sagas.Bench.Observation;

/// <summary>
/// Waits until processes are quiet: each used less than a tenth of a core over the last second.
/// After a warm-up round that means the runtime's background recompilation has finished (see
/// <see cref="WarmUp"/>).
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
