namespace Sagas.Orchestration.Nodes;

/// <summary>
/// A node said it is unhealthy: a dependency kept failing after its own reconnects and retries.
/// Recorded in the node's stream (<see cref="NodeStreams"/>) by the orchestrator that heard it.
/// </summary>
public sealed record NodeUnhealthy
{
    public required string NodeId { get; init; }

    public required string Host { get; init; }

    public required string Reason { get; init; }

    /// <summary>When the node judged itself unhealthy, by its own clock.</summary>
    public required DateTimeOffset ReportedAt { get; init; }
}
