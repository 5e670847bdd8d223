namespace Sagas.Contracts.Events;

/// <summary>
/// A node's latest spell of ill health, repeated in its heartbeats after it ends, so an
/// orchestrator that could not hear it at the time (the broker or database was the trouble)
/// still records it once it can.
/// </summary>
public sealed record NodeEscalation
{
    /// <summary>When the node judged itself unhealthy, by its clock; identifies the spell.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>Its latest reason: which dependency, failing for how long, and why.</summary>
    public required string Reason { get; init; }

    /// <summary>When it was healthy again; null while it lasts.</summary>
    public DateTimeOffset? EndedAt { get; init; }
}
