using Sagas.Orchestration.Discovery;

namespace Sagas.Orchestration.Adaptation;

/// <summary>
/// Balancing by latency with the power of two choices: two instances drawn at random, the step
/// goes to the cheaper, where the cost is the peak-EWMA latency times the steps in flight there
/// (plus one). Drawing two rather than taking the cheapest of all keeps orchestrators from
/// stampeding onto the same instance on the same stale figures.
/// </summary>
internal static class LatencyChoice
{
    // Added to every estimate, so that an instance not yet measured (estimate 0) still costs more the more it has in flight.
    private const double FloorMs = 1;

    public static InstanceChoice Choose(IReadOnlyList<InstanceEntry> candidates, Func<string, InstanceObservations?> seen, DateTimeOffset now, Func<double> random)
    {
        if (candidates.Count == 1)
        {
            return new InstanceChoice(candidates[0].Queue, null);
        }

        var first = Draw(random, candidates.Count);
        var second = (first + 1 + Draw(random, candidates.Count - 1)) % candidates.Count;
        var (a, b) = (Cost(candidates[first].Queue), Cost(candidates[second].Queue));
        var (chosen, other) = b.Cost < a.Cost ? (b, a) : (a, b);
        return new InstanceChoice(chosen.Queue, $"instance {chosen.Queue} by latency ({chosen.Words}) over {other.Queue} ({other.Words}), two of {candidates.Count} drawn");

        (string Queue, double Cost, string Words) Cost(string queue)
        {
            var observed = seen(queue);
            var estimate = observed?.Latency.EstimateAt(now) ?? 0;
            var pending = observed?.Pending ?? 0;
            var words = observed is { Latency.Samples: > 0 } ? $"≈{Figures.Ms(estimate)}, {pending} in flight" : $"not measured yet, {pending} in flight";
            return (queue, (estimate + FloorMs) * (pending + 1), words);
        }
    }

    private static int Draw(Func<double> random, int count) => Math.Clamp((int)(random() * count), 0, count - 1);
}
