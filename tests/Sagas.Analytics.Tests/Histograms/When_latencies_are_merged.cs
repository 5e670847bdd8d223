using Sagas.Analytics.Histograms;

namespace Sagas.Analytics.Tests.Histograms;

public sealed class When_latencies_are_merged
{
    [Fact]
    public void Two_halves_give_the_percentiles_of_the_whole()
    {
        var whole = new LatencyHistogram();
        var first = new LatencyHistogram();
        var second = new LatencyHistogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            whole.Record(TimeSpan.FromMilliseconds(ms));
            (ms % 2 == 0 ? first : second).Record(TimeSpan.FromMilliseconds(ms));
        }

        var merged = new LatencyHistogram();
        merged.MergeJson(first.ToJson());
        merged.MergeJson(second.ToJson());

        Assert.Equal(whole.Percentiles(), merged.Percentiles());
        Assert.Equal(1000, merged.Count);
    }

    [Fact]
    public void Percentiles_stay_within_one_percent_of_the_values_recorded()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        var percentiles = histogram.Percentiles()!;
        Assert.InRange(percentiles.P50, 495, 505);
        Assert.InRange(percentiles.P95, 940, 960);
        Assert.InRange(percentiles.P99, 980, 1000);
    }

    [Fact]
    public void An_empty_histogram_has_no_percentiles_and_merges_as_nothing()
    {
        var histogram = new LatencyHistogram();
        histogram.MergeJson(null);
        histogram.MergeJson("{}");

        Assert.Null(histogram.Percentiles());
        Assert.Equal("{}", histogram.ToJson());
    }

    [Fact]
    public void A_duration_beyond_thirty_days_counts_as_thirty_days()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromDays(400));

        Assert.InRange(histogram.Percentiles()!.P99, TimeSpan.FromDays(29.7).TotalMilliseconds, TimeSpan.FromDays(30.3).TotalMilliseconds);
    }
}
