namespace Sagas.Orchestration.Adaptation;

/// <summary>
/// An orchestrator began to treat a service or one of its instances differently, on what it
/// measured: recorded in the service's stream (<see cref="ServiceStreams"/>) with the trigger, the
/// value, the threshold it crossed and the scope, once, when it begins.
/// </summary>
public sealed record AdaptationApplied
{
    public required string Service { get; init; }

    /// <summary>The instance queue it applies to; null when it applies to the whole service.</summary>
    public string? Instance { get; init; }

    /// <summary><c>latency</c>, <c>error_rate</c> or <c>load</c>.</summary>
    public required string Trigger { get; init; }

    /// <summary>What changed: <c>avoided</c> (balancing steers around it), <c>ejected</c> (out of the rotation), <c>limited</c> (fewer steps at once).</summary>
    public required string Action { get; init; }

    /// <summary>The value measured: a latency in milliseconds, a failure ratio, a concurrency limit.</summary>
    public required double Measured { get; init; }

    /// <summary>The threshold it crossed, in the same unit.</summary>
    public required double Threshold { get; init; }

    public required string Reason { get; init; }

    /// <summary>When it ends by itself (an ejection); null when it lasts until the trigger clears.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>The orchestrator process that measured it: each adapts on what it observes itself.</summary>
    public required string Orchestrator { get; init; }

    public required DateTimeOffset AppliedAt { get; init; }
}
