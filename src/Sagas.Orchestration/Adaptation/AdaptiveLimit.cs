using Sagas.Definitions.Policies;

namespace Sagas.Orchestration.Adaptation;

/// <summary>
/// One service's concurrency limit on this orchestrator, moved by its latency (AIMD): while the
/// recent average stays within the tolerance of its usual latency, a limit in use (or below its
/// start) grows by one per limit's worth of results; above it, the limit is cut by a tenth, at most
/// once a second, never under its minimum. The usual latency falls quickly to a better figure and
/// rises slowly to a worse one: not the best single moment, which noise makes a bar nothing meets.
/// It is recorded as applied when first cut below its start, and reverted once it has grown back
/// there and <see cref="HoldFor"/> has passed: the climb and the hold are the hysteresis.
/// </summary>
internal sealed class AdaptiveLimit(string service, LoadAdaptation policy)
{
    private const double Cut = 0.9;
    // About the last twenty results: a handful would follow every burst of a busy node.
    private const double RecentWeight = 0.05;

    // How fast the usual latency follows a better figure, and a worse one (a service slower for good).
    private const double BaselineFall = 0.05;
    private const double BaselineRise = 0.002;

    private static readonly TimeSpan CutEvery = TimeSpan.FromSeconds(1);

    /// <summary>The least time a lowered limit stays recorded as such, however soon it grows back.</summary>
    public static readonly TimeSpan HoldFor = TimeSpan.FromSeconds(5);

    private double _recentMs;
    private double _baselineMs = double.MaxValue;
    private int _samples;
    private DateTimeOffset _lastCut = DateTimeOffset.MinValue;
    private DateTimeOffset? _limitedSince;

    public LoadAdaptation Policy => policy;

    public double Limit { get; private set; } = policy.InitialLimit;

    /// <summary>How many may be in flight now: the limit, rounded down, never under the minimum.</summary>
    public int Allowed => Math.Max(policy.MinLimit, (int)Math.Floor(Limit));

    public bool Limited => _limitedSince is not null;

    /// <summary>Why the service is degraded while its limit is lowered: the figures it was cut on.</summary>
    public string Why =>
        $"its adaptive limit on this orchestrator is down to {Allowed} in flight from {policy.InitialLimit}, as it answers in {Figures.Ms(_recentMs)} on average against its usual {Figures.Ms(_baselineMs)}";

    /// <summary>Takes a result that came <paramref name="latencyMs"/> after its dispatch, with <paramref name="inFlight"/> still out; returns what to record, if the limit began or ended being lowered.</summary>
    public object? Observe(double latencyMs, int inFlight, DateTimeOffset now, string orchestrator)
    {
        _samples++;
        _recentMs = _samples == 1 ? latencyMs : _recentMs + ((latencyMs - _recentMs) * RecentWeight);
        if (_samples < PeakEwma.Settled)
        {
            return null;
        }

        _baselineMs = _baselineMs == double.MaxValue ? _recentMs
            : _baselineMs + ((_recentMs - _baselineMs) * (_recentMs < _baselineMs ? BaselineFall : BaselineRise));
        var ceiling = policy.Tolerance * _baselineMs;
        if (_recentMs > ceiling)
        {
            if (now - _lastCut < CutEvery || Limit <= policy.MinLimit)
            {
                return null;
            }

            var from = Allowed;
            Limit = Math.Max(policy.MinLimit, Limit * Cut);
            _lastCut = now;
            if (_limitedSince is not null || Allowed >= policy.InitialLimit)
            {
                return null;
            }

            _limitedSince = now;
            return new AdaptationApplied
            {
                Service = service,
                Trigger = AdaptationWords.Load,
                Action = AdaptationWords.Limited,
                Measured = Math.Round(_recentMs, 1),
                Threshold = Math.Round(ceiling, 1),
                Reason = $"'{service}' answers in {Figures.Ms(_recentMs)} on average, above {Figures.Number(policy.Tolerance)} × its usual {Figures.Ms(_baselineMs)}: "
                    + $"at most {Allowed} of its steps in flight from this orchestrator (from {from}), cut by a tenth each second it stays above, raised again once it is back under; the others wait in order",
                Orchestrator = orchestrator,
                AppliedAt = now,
            };
        }

        if (inFlight + 1 >= Allowed || Limit < policy.InitialLimit)
        {
            Limit = Math.Min(policy.MaxLimit, Limit + (1 / Limit));
        }

        if (_limitedSince is not { } since || Allowed < policy.InitialLimit || now - since < HoldFor)
        {
            return null;
        }

        _limitedSince = null;
        return new AdaptationReverted
        {
            Service = service,
            Trigger = AdaptationWords.Load,
            Action = AdaptationWords.Limited,
            Measured = Math.Round(_recentMs, 1),
            Threshold = Math.Round(ceiling, 1),
            Reason = $"'{service}' answers in {Figures.Ms(_recentMs)} on average again, within {Figures.Number(policy.Tolerance)} × its usual {Figures.Ms(_baselineMs)}; its limit is back to {Allowed} in flight",
            Lasted = now - since,
            Orchestrator = orchestrator,
            RevertedAt = now,
        };
    }
}
