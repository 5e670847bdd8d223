namespace Sagas.Definitions.Policies;

/// <summary>
/// <c>orchestration.adaptive</c>, and a service's own <c>adaptive</c> over it: which of the
/// world's signals the orchestrators react to, and how. Without the key nothing adapts; with it,
/// every trigger is on unless <see cref="Triggers"/> names fewer.
/// </summary>
public sealed record AdaptivePolicy
{
    /// <summary>What applies without the key: nothing adapts.</summary>
    public static readonly AdaptivePolicy Off = new() { Enabled = false };

    public bool Enabled { get; init; } = true;

    public IReadOnlySet<AdaptiveTrigger> Triggers { get; init; } = new HashSet<AdaptiveTrigger> { AdaptiveTrigger.Load, AdaptiveTrigger.Latency, AdaptiveTrigger.ErrorRate };

    public LatencyAdaptation Latency { get; init; } = new();

    public ErrorRateAdaptation ErrorRate { get; init; } = new();

    public LoadAdaptation Load { get; init; } = new();

    /// <summary>Whether the orchestrators react to <paramref name="trigger"/>.</summary>
    public bool On(AdaptiveTrigger trigger) => Enabled && Triggers.Contains(trigger);
}

/// <summary>What an orchestrator can react to.</summary>
public enum AdaptiveTrigger
{
    /// <summary>A service's latency climbing under the steps in flight: its concurrency limit falls.</summary>
    Load,

    /// <summary>An instance slower than its peers: balancing by observed latency steers around it.</summary>
    Latency,

    /// <summary>An instance failing more than its share: it is ejected from the rotation for a while.</summary>
    ErrorRate,
}
