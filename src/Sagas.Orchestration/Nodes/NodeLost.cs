namespace Sagas.Orchestration.Nodes;

/// <summary>A node stopped announcing itself: recorded in its own stream (<see cref="NodeStreams"/>) by the orchestrator that noticed.</summary>
public sealed record NodeLost
{
    public required string NodeId { get; init; }

    public required string Host { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }

    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>How long it had been silent when it was marked lost.</summary>
    public required TimeSpan SilentFor { get; init; }

    public required DateTimeOffset LostAt { get; init; }
}
