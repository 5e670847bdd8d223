namespace Sagas.Definitions.Policies;

/// <summary>
/// <c>adaptive.latency</c>: each instance's latency is a peak EWMA (a slower result counts at
/// once, a faster one pulls it down over <see cref="Decay"/>), and each step goes to the cheaper of
/// two instances drawn at random (latency times steps in flight). An instance whose average is
/// <see cref="Threshold"/> times its fastest peer's is recorded as avoided.
/// </summary>
public sealed record LatencyAdaptation
{
    public TimeSpan Decay { get; init; } = TimeSpan.FromSeconds(10);

    public double Threshold { get; init; } = 3;
}

/// <summary>
/// <c>adaptive.error_rate</c>: outlier ejection. An instance that failed <see cref="Threshold"/> of
/// its recent calls (at least <see cref="MinCalls"/> of them; its last <see cref="Calls"/>, none older
/// than <see cref="Window"/>), while its peers stay under it, is out of the rotation for
/// <see cref="Ejection"/> times the number of its ejections (at most <see cref="MaxEjection"/>),
/// never more than <see cref="MaxEjected"/> of a service's instances at once, and never its last.
/// </summary>
public sealed record ErrorRateAdaptation
{
    // Under a half: an instance failing every other call while its peers do not is an outlier.
    public double Threshold { get; init; } = 0.3;

    public int MinCalls { get; init; } = 10;

    // A count as well as a time: a busy instance's window would otherwise hold minutes of good calls
    // from before it went bad, and dilute its failures for as long as the window lasts.
    public int Calls { get; init; } = 20;

    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Ejection { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxEjection { get; init; } = TimeSpan.FromMinutes(5);

    public double MaxEjected { get; init; } = 0.5;
}

/// <summary>
/// <c>adaptive.load</c>: a concurrency limit per service on each orchestrator node, moved by
/// latency (AIMD): while the service's latency stays under <see cref="Tolerance"/> times the
/// fastest it has shown, a full limit grows by one; above it, the limit shrinks by a tenth. Steps
/// over the limit wait in order.
/// </summary>
public sealed record LoadAdaptation
{
    public int InitialLimit { get; init; } = 20;

    public int MinLimit { get; init; } = 1;

    public int MaxLimit { get; init; } = 500;

    public double Tolerance { get; init; } = 2;
}
