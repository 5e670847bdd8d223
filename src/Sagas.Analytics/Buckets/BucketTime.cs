namespace Sagas.Analytics.Buckets;

/// <summary>Where a moment falls: the start (UTC) of the bucket of each width that holds it.</summary>
public static class BucketTime
{
    public static readonly IReadOnlyList<Granularity> All = [Granularity.Minute, Granularity.Hour];

    public static DateTimeOffset StartOf(DateTimeOffset moment, Granularity granularity)
    {
        var utc = moment.ToUniversalTime();
        var width = WidthOf(granularity).Ticks;
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % width), TimeSpan.Zero);
    }

    public static TimeSpan WidthOf(Granularity granularity) => granularity switch
    {
        Granularity.Minute => TimeSpan.FromMinutes(1),
        Granularity.Hour => TimeSpan.FromHours(1),
        _ => throw new ArgumentOutOfRangeException(nameof(granularity), granularity, null),
    };

    /// <summary>The name stored in the tables' <c>granularity</c> column.</summary>
    public static string NameOf(Granularity granularity) => granularity == Granularity.Minute ? "minute" : "hour";
}
