using Sagas.Orchestration.Adaptation;

namespace Sagas.Orchestration.Tests.Adaptation;

public sealed class When_an_instance_is_slow
{
    private readonly AdaptationBench _bench = new();

    [Fact]
    public void It_is_avoided_once_its_average_reaches_the_threshold_and_the_record_says_by_how_much()
    {
        _bench.Results("a", 5, 10);
        _bench.Results("b", 5, 12);
        _bench.Results("c", 4, 100);
        Assert.Empty(_bench.Recorded);

        _bench.Results("c", 1, 100);

        var applied = Assert.IsType<AdaptationApplied>(Assert.Single(_bench.Recorded));
        Assert.Equal(("payment", "payment.c", "latency", "avoided", 100.0, 30.0), (applied.Service, applied.Instance, applied.Trigger, applied.Action, applied.Measured, applied.Threshold));
        Assert.Equal(
            "payment.c averages 100 ms, at least 3 × payment.a's 10 ms; balancing by latency sends it only what its faster peers cannot take sooner",
            applied.Reason);
        Assert.Equal(("orchestrator-1", AdaptationBench.At, (DateTimeOffset?)null), (applied.Orchestrator, applied.AppliedAt, applied.Until));
    }

    [Fact]
    public void Steps_go_to_the_cheaper_of_two_drawn_so_the_slow_one_gets_none_while_its_peers_answer_at_once()
    {
        Measured();

        var spread = _bench.Spread(60, Latencies(c: 100));

        Assert.Equal(0, spread["payment.c"]);
        Assert.True(spread["payment.a"] > 15 && spread["payment.b"] > 15, string.Join(", ", spread));
    }

    [Fact]
    public void A_slow_instance_still_takes_steps_when_its_peers_have_many_in_flight()
    {
        Measured();
        var fast = _bench.Instances.Where(i => i.Queue != "payment.c").ToList();
        for (var index = 0; index < 40; index++)
        {
            // Sent to the fast two and not answered yet.
            _bench.Adaptations.ChooseByLatency("payment", fast, $"in-flight-{index}", $"in-flight-{index}", _bench.Now, _bench.Policy.Latency, () => 0.3);
        }

        var choice = _bench.Adaptations.ChooseByLatency("payment", _bench.Instances, "next", "next", _bench.Now, _bench.Policy.Latency, () => 0.9);

        Assert.Equal("payment.c", choice.Queue);
        Assert.True(
            System.Text.RegularExpressions.Regex.IsMatch(choice.Reason!, @"^instance payment\.c by latency \(≈100 ms, 0 in flight\) over payment\.[ab] \(≈1[\d.]* ms, [12]\d in flight\), two of 3 drawn$"),
            choice.Reason);
    }

    [Fact]
    public void Its_estimate_decays_while_it_is_avoided_so_it_is_tried_again_and_a_fast_recovery_ends_the_avoidance()
    {
        Measured();
        for (var second = 0; second < 60; second++)
        {
            _bench.Advance(TimeSpan.FromSeconds(1));
            _bench.Results("a", 1, 10);
            _bench.Results("b", 1, 10);
        }

        Assert.True(_bench.Spread(30, Latencies(c: 10))["payment.c"] > 0, "a decayed estimate is tried again");
        _bench.Results("c", 20, 10);

        var reverted = Assert.IsType<AdaptationReverted>(_bench.Recorded.Last());
        Assert.Equal(("payment.c", "latency", "avoided", 22.5), (reverted.Instance, reverted.Trigger, reverted.Action, reverted.Threshold));
        Assert.True(reverted.Measured < 22.5);
        Assert.StartsWith("payment.c averages ", reverted.Reason, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(60), reverted.Lasted);
    }

    [Fact]
    public void Between_the_threshold_and_the_return_band_nothing_flaps()
    {
        Measured();
        _bench.Recorded.Clear();

        // From 100 ms down to about 25 ms: under the 30 ms threshold, above the 22.5 ms band.
        _bench.Results("c", 40, 25);
        _bench.Results("c", 40, 28);

        Assert.Empty(_bench.Recorded);
    }

    [Fact]
    public void A_gap_of_a_few_milliseconds_is_not_news_whatever_the_ratio()
    {
        _bench.Results("a", 5, 1);
        _bench.Results("b", 5, 1);
        _bench.Results("c", 10, 8);

        Assert.Empty(_bench.Recorded);
    }

    [Fact]
    public void Once_avoided_it_stays_so_for_the_decay_even_if_its_average_dips_and_is_not_avoided_again_at_once()
    {
        _bench.Results("a", 5, 10);
        _bench.Results("b", 5, 12);
        _bench.Results("c", 5, 100);
        Assert.IsType<AdaptationApplied>(Assert.Single(_bench.Recorded));

        // Far under the band at once: the avoidance holds for the decay (10 s) first.
        _bench.Results("c", 30, 10);
        Assert.Single(_bench.Recorded);

        _bench.Advance(TimeSpan.FromSeconds(10));
        _bench.Results("c", 1, 10);
        Assert.IsType<AdaptationReverted>(_bench.Recorded.Last());

        // Slow again straight away: not avoided again until another decay has passed.
        _bench.Results("c", 30, 100);
        Assert.Equal(2, _bench.Recorded.Count);
        _bench.Advance(TimeSpan.FromSeconds(10));
        _bench.Results("c", 1, 100);
        Assert.IsType<AdaptationApplied>(_bench.Recorded.Last());
    }

    [Fact]
    public void A_result_handled_again_under_the_same_key_counts_once()
    {
        var policy = _bench.Policy;
        _bench.Adaptations.Observe("payment", "payment.a", "same", TimeSpan.FromMilliseconds(10), false, _bench.Now, policy, 3);
        _bench.Adaptations.Observe("payment", "payment.a", "same", TimeSpan.FromMilliseconds(10), true, _bench.Now, policy, 3);

        var seen = Assert.Single(_bench.Adaptations.Snapshot(_bench.Now));
        Assert.Equal((1, 0), (seen.Calls, seen.Failures));
    }

    // a and b answer in about 10 ms, c in 100 ms; c is avoided.
    private void Measured()
    {
        _bench.Results("a", 10, 10);
        _bench.Results("b", 10, 11);
        _bench.Results("c", 5, 100);
        Assert.IsType<AdaptationApplied>(Assert.Single(_bench.Recorded));
    }

    private static Dictionary<string, double> Latencies(double c) => new() { ["a"] = 10, ["b"] = 11, ["c"] = c };
}
