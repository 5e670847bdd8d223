namespace Sagas.Bench.Observation;

/// <summary>Exact percentiles of all samples (sorted), which is what a histogram approximates.</summary>
internal static class Percentiles
{
    public static double? Of(IReadOnlyList<double> samples, double percentile)
    {
        if (samples.Count == 0)
        {
            return null;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1;
        return Math.Round(sorted[Math.Clamp(rank, 0, sorted.Length - 1)], 2);
    }
}
