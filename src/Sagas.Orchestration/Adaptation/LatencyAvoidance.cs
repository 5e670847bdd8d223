using Sagas.Definitions.Policies;

namespace Sagas.Orchestration.Adaptation;

/// <summary>
/// When balancing by latency begins, and stops, steering around an instance, as recorded: its
/// average reaches the threshold times its fastest peer's (and is at least
/// <see cref="MinimumGapMs"/> slower, so that 1 ms against 3 ms is not news), and it ends once the
/// average is back under three quarters of that. The band between, and a hold of the latency
/// decay after each change (averages move with every result, the fastest peer's too), keep it
/// from flapping; the steering itself is <see cref="LatencyChoice"/>'s, step by step.
/// </summary>
internal static class LatencyAvoidance
{
    public const double MinimumGapMs = 10;

    /// <summary>Of the threshold: the average must come back under this share of it to end the avoidance.</summary>
    public const double ReturnBand = 0.75;

    public static AdaptationApplied? Consider(InstanceObservations instance, IEnumerable<InstanceObservations> peers, LatencyAdaptation policy, DateTimeOffset now, string orchestrator)
    {
        if (instance.AvoidedAbove is not null || instance.EjectedUntil is not null || Held(instance, policy, now)
            || instance.Latency.Samples < PeakEwma.Settled || Fastest(peers) is not { } fastest)
        {
            return null;
        }

        var threshold = policy.Threshold * fastest.Latency.AverageMs;
        var average = instance.Latency.AverageMs;
        if (average < threshold || average - fastest.Latency.AverageMs < MinimumGapMs)
        {
            return null;
        }

        return new AdaptationApplied
        {
            Service = instance.Service,
            Instance = instance.Queue,
            Trigger = AdaptationWords.Latency,
            Action = AdaptationWords.Avoided,
            Measured = Math.Round(average, 1),
            Threshold = Math.Round(threshold, 1),
            Reason = $"{instance.Queue} averages {Figures.Ms(average)}, at least {Figures.Number(policy.Threshold)} × {fastest.Queue}'s {Figures.Ms(fastest.Latency.AverageMs)}; "
                + "balancing by latency sends it only what its faster peers cannot take sooner",
            Orchestrator = orchestrator,
            AppliedAt = now,
        };
    }

    public static AdaptationReverted? Reconsider(InstanceObservations instance, IEnumerable<InstanceObservations> peers, LatencyAdaptation policy, DateTimeOffset now, string orchestrator)
    {
        if (instance.AvoidedAbove is not { } appliedAbove || Held(instance, policy, now))
        {
            return null;
        }

        var fastest = Fastest(peers);
        var band = fastest is null ? 0 : ReturnBand * policy.Threshold * fastest.Latency.AverageMs;
        var average = instance.Latency.AverageMs;
        if (fastest is not null && average >= band && average - fastest.Latency.AverageMs >= MinimumGapMs)
        {
            return null;
        }

        return new AdaptationReverted
        {
            Service = instance.Service,
            Instance = instance.Queue,
            Trigger = AdaptationWords.Latency,
            Action = AdaptationWords.Avoided,
            Measured = Math.Round(average, 1),
            Threshold = Math.Round(fastest is null ? appliedAbove : band, 1),
            Reason = fastest is null
                ? $"{instance.Queue} has no peer with enough results left to compare with"
                : $"{instance.Queue} averages {Figures.Ms(average)} again, under {Figures.Ms(band)} ({Figures.Number(ReturnBand)} of {Figures.Number(policy.Threshold)} × {fastest.Queue}'s {Figures.Ms(fastest.Latency.AverageMs)})",
            Lasted = now - (instance.AvoidedSince ?? now),
            Orchestrator = orchestrator,
            RevertedAt = now,
        };
    }

    private static bool Held(InstanceObservations instance, LatencyAdaptation policy, DateTimeOffset now) =>
        instance.AvoidanceChangedAt is { } changed && now - changed < policy.Decay;

    private static InstanceObservations? Fastest(IEnumerable<InstanceObservations> peers) =>
        peers.Where(p => p.Latency.Samples >= PeakEwma.Settled && p.EjectedUntil is null).MinBy(p => p.Latency.AverageMs);
}
