namespace Sagas.Analytics.Health;

/// <summary>The analytics fell behind or stopped: recorded once in the operations stream, with what the node saw.</summary>
public sealed record AnalyticsDegraded
{
    public required string Reason { get; init; }

    /// <summary>How long the oldest unprocessed event had waited.</summary>
    public required TimeSpan Behind { get; init; }

    public required long EventsBehind { get; init; }

    /// <summary>The projection's agent (<c>Paused</c>, <c>Stopped</c>), when the node running it saw it stop.</summary>
    public string? AgentStatus { get; init; }

    /// <summary>The event the projection stopped on, when the daemon knows it.</summary>
    public long? FailedAtEvent { get; init; }

    /// <summary>The node that saw it first.</summary>
    public required string Node { get; init; }

    public required DateTimeOffset At { get; init; }
}
