namespace Sagas.Bench.Observation;

/// <summary>
/// Warms fresh processes before the clock starts: rounds of untimed load, each followed by a
/// wait until the processes are quiet, until a round costs about what the one before it did.
/// </summary>
/// <remarks>
/// One round is not enough. The runtime counts calls to a method only once no new method has
/// been compiled for a moment, so during a fresh process's first load nothing is counted; the
/// hot methods are counted, instrumented and recompiled at tier 1 during the next load, which
/// took 5 to 10 s of one core on the bench machine (2026-11-30). Inside a timed run that
/// one-time cost reads as a cost per step, largest at low load, where it is spread over the
/// fewest steps.
/// </remarks>
internal static class WarmUp
{
    // A round within this share of the previous one's CPU per unit counts as warm, if the
    // processes went quiet soon after it: a long wait means the runtime was still recompiling.
    private const double Converged = 0.15;
    private static readonly TimeSpan QuietSoon = TimeSpan.FromSeconds(2);

    /// <param name="settings">Quick mode runs one round.</param>
    /// <param name="unit">What a round counts (workflow, transaction), for the printed line.</param>
    /// <param name="round">Runs one round of untimed load; returns how many units it ran.</param>
    /// <param name="pids">The processes warming up (null entries are skipped).</param>
    public static async Task RunAsync(BenchSettings settings, string unit, Func<Task<int>> round, params int?[] pids)
    {
        var watched = pids.OfType<int>().ToList();
        var rounds = settings.Quick ? 1 : 4;
        double? previous = null;
        for (var i = 1; i <= rounds; i++)
        {
            var before = watched.Sum(ProcessUsage.CpuSeconds);
            var units = await round();
            var perUnit = (watched.Sum(ProcessUsage.CpuSeconds) - before) / Math.Max(1, units);
            var settled = await SettledProcesses.WaitAsync(watched, TimeSpan.FromSeconds(settings.Quick ? 3 : 60));
            Console.WriteLine($"  warm-up round {i}: {perUnit * 1000:F2} ms CPU per {unit}, quiet {settled.TotalSeconds:F0} s after");
            if (i == rounds || (previous is { } last && Math.Abs(perUnit - last) <= Converged * last && settled <= QuietSoon))
            {
                Console.WriteLine($"  timed run begins after {i} warm-up round(s)");
                return;
            }

            previous = perUnit;
        }
    }
}
