using Sagas.Contracts.Events;

namespace Sagas.Orchestration.Nodes;

/// <summary>What the cluster knows of one node: its last announcement, and whether it still announces itself.</summary>
public sealed class NodeView
{
    public string Id { get; set; } = string.Empty;

    public string Host { get; set; } = string.Empty;

    public int ProcessId { get; set; }

    public List<string> Roles { get; set; } = [];

    public List<string> Services { get; set; } = [];

    public int Capacity { get; set; }

    /// <summary>The service instances it registered in its last heartbeat, with their health and last minute.</summary>
    public List<ServiceInstanceReport> Instances { get; set; } = [];

    public TimeSpan Interval { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When an orchestrator last heard it, by the orchestrator's clock (a node's own clock may be off).</summary>
    public DateTimeOffset LastSeen { get; set; }

    /// <summary>The send time of the latest heartbeat applied, by the node's clock: orders its heartbeats.</summary>
    public DateTimeOffset LastSentAt { get; set; }

    public NodeStatus Status { get; set; }

    public DateTimeOffset? LostAt { get; set; }

    /// <summary>Null while the node says it is healthy; otherwise the reason its last heartbeat gave.</summary>
    public string? Unhealthy { get; set; }

    /// <summary>Null while every part of the node works fully; otherwise what its last heartbeat said is degraded.</summary>
    public string? Degraded { get; set; }

    /// <summary>The start of the node's latest spell of ill health recorded as <see cref="NodeUnhealthy"/>.</summary>
    public DateTimeOffset? EscalationSince { get; set; }

    /// <summary>Whether that spell's end is recorded as <see cref="NodeHealthy"/>.</summary>
    public bool EscalationEndRecorded { get; set; }

    /// <summary>Three missed announcements: the node is lost.</summary>
    public bool IsOverdue(DateTimeOffset now) => Status == NodeStatus.Live && now - LastSeen > Interval * 3;
}

/// <summary>Live (announcing itself), stopped (it said goodbye) or lost (its announcements stopped).</summary>
public enum NodeStatus
{
    Live,
    Lost,
    Stopped,
}
