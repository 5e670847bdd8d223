namespace Sagas.Analytics.Health;

/// <summary>
/// How far the analytics projection is behind the event store, as the daemon's own progress row
/// says: the last event it processed, the newest event, how old the oldest unprocessed one is, and
/// the failure the daemon recorded if it stopped on one.
/// </summary>
public sealed record AnalyticsLag
{
    /// <summary>The last event the projection processed (0: it has not run).</summary>
    public long ProcessedThrough { get; init; }

    public long NewestEvent { get; init; }

    /// <summary>How long the oldest event the projection has not processed has waited; zero when it is caught up.</summary>
    public TimeSpan Behind { get; init; }

    /// <summary>The daemon's word on the projection's agent (<c>Running</c>, <c>Paused</c>, <c>Stopped</c> …), when it recorded one.</summary>
    public string? AgentStatus { get; init; }

    public string? PauseReason { get; init; }

    public long? FailedAtEvent { get; init; }

    public string? FailedEventType { get; init; }

    /// <summary>
    /// The reason of the operations stream's last event when it is an <see cref="AnalyticsDegraded"/>:
    /// what the nodes recorded, which a reader outside them (the CLI) cannot see for itself, such
    /// as a projection paused on an event before much lag built up.
    /// </summary>
    public string? RecordedDegraded { get; init; }

    public long EventsBehind => Math.Max(0, NewestEvent - ProcessedThrough);

    /// <summary>
    /// Why a reader should not trust the analytics now: what it sees itself, else what the nodes
    /// recorded last. Not for the nodes' own watch, which records the change and must see it end.
    /// </summary>
    public string? ReportedReason(TimeSpan threshold) => DegradedReason(threshold) ?? RecordedDegraded;

    /// <summary>Why the analytics cannot be trusted now, in one sentence; null when they can.</summary>
    public string? DegradedReason(TimeSpan threshold)
    {
        if (FailedAtEvent is { } failedAt)
        {
            return $"the analytics projection stopped at event {failedAt}{(FailedEventType is { } type ? $" ({type})" : "")}" +
                $"{(PauseReason is { } reason ? $": {reason}" : "")}; it is {Seconds(Behind)} behind";
        }

        if (AgentStatus is "Paused" or "Stopped")
        {
            return $"the analytics projection is {AgentStatus.ToLowerInvariant()}{(PauseReason is { } reason ? $": {reason}" : "")}; it is {Seconds(Behind)} behind";
        }

        if (Behind > threshold)
        {
            return ProcessedThrough == 0
                ? $"the analytics projection has not run, and events have waited {Seconds(Behind)} (is an orchestrator running?)"
                : $"the analytics are {Seconds(Behind)} behind the events ({EventsBehind} events), more than the {Seconds(threshold)} allowed";
        }

        return null;
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:F0} s";
}
