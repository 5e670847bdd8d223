namespace Sagas.Contracts.Events;

/// <summary>
/// A node announcing itself, every few seconds while it runs: who it is, what it runs and how
/// much it takes at once. A node whose announcements stop is lost.
/// </summary>
public sealed record NodeHeartbeat
{
    public required string NodeId { get; init; }

    public required string Host { get; init; }

    public required int ProcessId { get; init; }

    /// <summary><c>orchestrator</c> and/or <c>worker</c>.</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>The queues of the services it hosts (a service's own, or one of its endpoints).</summary>
    public required IReadOnlyList<string> Services { get; init; }

    /// <summary>Messages it handles at once per queue (its prefetch).</summary>
    public required int Capacity { get; init; }

    /// <summary>How often it announces itself; three missed announcements make it lost.</summary>
    public required TimeSpan Interval { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset SentAt { get; init; }

    /// <summary>
    /// Null while the node is healthy; otherwise why not: a dependency (the broker, the database)
    /// that kept failing after the node's own reconnects and retries.
    /// </summary>
    public string? Unhealthy { get; init; }

    /// <summary>
    /// Null while every part of the node works fully; otherwise the parts that go on in a reduced
    /// way and why (<c>analytics (… behind …)</c>), as its <c>/health/ready</c> says too.
    /// </summary>
    public string? Degraded { get; init; }

    /// <summary>The node's latest spell of ill health, ongoing or ended; null if it never had one.</summary>
    public NodeEscalation? Escalation { get; init; }

    /// <summary>The service instances it hosts, with their health and their last minute: its registration for discovery.</summary>
    public IReadOnlyList<ServiceInstanceReport> Instances { get; init; } = [];

    /// <summary>True on the last heartbeat of a node shutting down cleanly: it is stopped, not lost.</summary>
    public bool Stopping { get; init; }
}
