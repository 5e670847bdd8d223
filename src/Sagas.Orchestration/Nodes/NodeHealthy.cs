namespace Sagas.Orchestration.Nodes;

/// <summary>A node that had said it was unhealthy says it is healthy again.</summary>
public sealed record NodeHealthy
{
    public required string NodeId { get; init; }

    public required string Host { get; init; }

    /// <summary>The reason it had given.</summary>
    public required string WasUnhealthy { get; init; }

    /// <summary>When the node was healthy again, by its own clock.</summary>
    public required DateTimeOffset ReportedAt { get; init; }
}
