using Marten.Schema;

namespace Sagas.Analytics.Rebuild;

/// <summary>
/// An operator's request to rebuild the analytics from the streams (<c>sagas analytics rebuild</c>):
/// taken by the orchestrator that runs the projection, which records when it started, when it
/// finished and, if it could not, why.
/// </summary>
public sealed class AnalyticsRebuildRequest
{
    public Guid Id { get; set; }

    /// <summary>Marten's version of the document: the claim and the result are checked against it.</summary>
    [Version]
    public Guid Version { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>The node that took it.</summary>
    public string? Node { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The newest event when the rebuild finished: every event up to it was projected again.</summary>
    public long? ThroughEvent { get; set; }

    public string? Error { get; set; }
}
