namespace Sagas.Orchestration.Adaptation;

/// <summary>
/// One instance's latency as balancing sees it: a result slower than the estimate replaces it at
/// once (the peak), a faster one pulls it down as far as the time since the last result allows,
/// and while no result comes it decays toward zero, so an instance avoided for its slowness is
/// tried again after a while instead of never. Alongside, the plain average of what was seen,
/// which is what an adaptation is recorded on: a measurement, not a decayed guess.
/// </summary>
internal sealed class PeakEwma(TimeSpan decay)
{
    /// <summary>Results before the average counts as evidence.</summary>
    public const int Settled = 5;

    // Weight of a new result in the average once it has settled: about the last twenty results.
    private const double AverageWeight = 0.1;

    private double _estimateMs;
    private DateTimeOffset _at;

    public int Samples { get; private set; }

    /// <summary>The average of the results seen, in milliseconds.</summary>
    public double AverageMs { get; private set; }

    public void Observe(double latencyMs, DateTimeOffset now)
    {
        var kept = Samples == 0 ? 0 : Math.Exp(-Math.Max(0, (now - _at).TotalMilliseconds) / decay.TotalMilliseconds);
        _estimateMs = latencyMs >= _estimateMs ? latencyMs : (_estimateMs * kept) + (latencyMs * (1 - kept));
        _at = now;
        Samples++;
        // The plain mean until there are enough results for the weighted one to mean something.
        AverageMs = Samples <= 1 / AverageWeight
            ? AverageMs + ((latencyMs - AverageMs) / Samples)
            : AverageMs + ((latencyMs - AverageMs) * AverageWeight);
    }

    /// <summary>The estimate at <paramref name="now"/>, decayed for the time without a result; 0 before the first.</summary>
    public double EstimateAt(DateTimeOffset now) =>
        Samples == 0 ? 0 : _estimateMs * Math.Exp(-Math.Max(0, (now - _at).TotalMilliseconds) / decay.TotalMilliseconds);
}
