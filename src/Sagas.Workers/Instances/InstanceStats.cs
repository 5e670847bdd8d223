namespace Sagas.Workers.Instances;

/// <summary>
/// How each hosted instance's last minute went, for its registration: steps running now, and the
/// handling time and outcome of those finished within <see cref="Window"/>. Pure apart from its
/// own records; the caller brings the clock.
/// </summary>
public sealed class InstanceStats
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Tally> _byQueue = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Started(ServiceInstance instance)
    {
        lock (_lock)
        {
            TallyOf(instance).InFlight++;
        }
    }

    public void Finished(ServiceInstance instance, DateTimeOffset at, TimeSpan took, bool failed)
    {
        lock (_lock)
        {
            var tally = TallyOf(instance);
            tally.InFlight = Math.Max(0, tally.InFlight - 1);
            tally.Finished.Enqueue((at, took.TotalMilliseconds, failed));
            Prune(tally, at);
        }
    }

    public InstanceFigures FiguresOf(ServiceInstance instance, DateTimeOffset now)
    {
        lock (_lock)
        {
            var tally = TallyOf(instance);
            Prune(tally, now);
            var latencies = tally.Finished.Select(f => f.Ms).Order().ToArray();
            return new InstanceFigures(
                tally.InFlight,
                latencies.Length,
                tally.Finished.Count(f => f.Failed),
                Percentile(latencies, 0.50),
                Percentile(latencies, 0.99));
        }
    }

    // Nearest rank: the smallest value at or above the share asked for.
    private static double? Percentile(double[] sorted, double share) =>
        sorted.Length == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)], 2);

    private static void Prune(Tally tally, DateTimeOffset now)
    {
        while (tally.Finished.TryPeek(out var oldest) && now - oldest.At > Window)
        {
            tally.Finished.Dequeue();
        }
    }

    private Tally TallyOf(ServiceInstance instance)
    {
        if (!_byQueue.TryGetValue(instance.Queue, out var tally))
        {
            tally = new Tally();
            _byQueue[instance.Queue] = tally;
        }

        return tally;
    }

    private sealed class Tally
    {
        public int InFlight { get; set; }

        public Queue<(DateTimeOffset At, double Ms, bool Failed)> Finished { get; } = new();
    }
}

/// <summary>An instance's last minute: running now, finished, failed, and the handling time's p50 and p99.</summary>
public sealed record InstanceFigures(int InFlight, int Calls, int Failures, double? LatencyP50Ms, double? LatencyP99Ms);
