using Sagas.Analytics.Buckets;

namespace Sagas.Analytics.Stats;

/// <summary>What <c>sagas stats</c> asks: a time window, optionally one definition or one service, optionally a series.</summary>
public sealed record StatsRequest
{
    /// <summary>Windows up to this long are read from minute buckets, longer ones from hours.</summary>
    public static readonly TimeSpan LongestMinuteWindow = TimeSpan.FromHours(6);

    public required DateTimeOffset Since { get; init; }

    public required DateTimeOffset Until { get; init; }

    public string? Definition { get; init; }

    public string? Service { get; init; }

    /// <summary>One series entry per bucket of this width; null: totals only.</summary>
    public Granularity? By { get; init; }

    /// <summary>The buckets read: those of <see cref="By"/>, or the finest that keeps the rows read few.</summary>
    public Granularity Granularity => By ?? (Until - Since <= LongestMinuteWindow ? Granularity.Minute : Granularity.Hour);
}
