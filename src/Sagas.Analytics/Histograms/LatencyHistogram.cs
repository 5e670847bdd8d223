using System.Text.Json;
using HdrHistogram;

namespace Sagas.Analytics.Histograms;

/// <summary>
/// Durations in a form that merges without loss: each value is kept as its HdrHistogram bucket
/// (microseconds, two significant digits, so within 1%) with a count. Adding two is adding the
/// counts of equal buckets, which PostgreSQL does in place (<c>sagas.merge_counts</c>), so minute
/// buckets roll up to hours, and a week of them to one answer, without averaging percentiles.
/// </summary>
public sealed class LatencyHistogram
{
    // Every histogram has this shape, so a bucket's lowest value names it in any of them.
    private static readonly LongHistogram Shape = NewHdr();

    private readonly SortedDictionary<long, long> _counts = [];

    public long Count { get; private set; }

    public bool IsEmpty => Count == 0;

    public void Record(TimeSpan duration)
    {
        var micros = Math.Clamp(duration.Ticks / TimeSpan.TicksPerMicrosecond, 1, Shape.HighestTrackableValue);
        Add(Shape.LowestEquivalentValue(micros), 1);
    }

    public void Merge(LatencyHistogram other)
    {
        foreach (var (value, count) in other._counts)
        {
            Add(value, count);
        }
    }

    /// <summary>Adds the counts of a stored histogram (<see cref="ToJson"/>'s form); null or empty adds nothing.</summary>
    public void MergeJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return;
        }

        foreach (var (value, count) in JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? [])
        {
            Add(long.Parse(value, System.Globalization.CultureInfo.InvariantCulture), count);
        }
    }

    /// <summary>The counts by bucket as a JSON object (<c>{"1024": 3}</c>): what the tables store and merge.</summary>
    public string ToJson() => JsonSerializer.Serialize(_counts.ToDictionary(
        c => c.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), c => c.Value));

    /// <summary>p50, p95 and p99 in milliseconds; null when nothing was recorded.</summary>
    public Percentiles? Percentiles()
    {
        if (IsEmpty)
        {
            return null;
        }

        var hdr = NewHdr();
        foreach (var (value, count) in _counts)
        {
            hdr.RecordValueWithCount(value, count);
        }

        return new Percentiles(Millis(hdr, 50), Millis(hdr, 95), Millis(hdr, 99));
    }

    private void Add(long value, long count)
    {
        _counts[value] = _counts.GetValueOrDefault(value) + count;
        Count += count;
    }

    // From a microsecond to 30 days: a workflow that waits for days still has a duration.
    private static LongHistogram NewHdr() => new(1, TimeSpan.FromDays(30).Ticks / TimeSpan.TicksPerMicrosecond, 2);

    private static double Millis(HistogramBase hdr, double percentile) =>
        Math.Round(hdr.GetValueAtPercentile(percentile) / 1000.0, 3);
}
