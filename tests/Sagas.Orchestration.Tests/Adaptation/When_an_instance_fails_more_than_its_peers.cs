using Sagas.Definitions.Policies;
using Sagas.Orchestration.Adaptation;

namespace Sagas.Orchestration.Tests.Adaptation;

public sealed class When_an_instance_fails_more_than_its_peers
{
    private static readonly AdaptivePolicy Ejecting = new()
    {
        Triggers = new HashSet<AdaptiveTrigger> { AdaptiveTrigger.ErrorRate },
        ErrorRate = new ErrorRateAdaptation { Threshold = 0.5, MinCalls = 10, Window = TimeSpan.FromSeconds(30), Ejection = TimeSpan.FromSeconds(30) },
    };

    private readonly AdaptationBench _bench = new(Ejecting);

    [Fact]
    public void It_is_ejected_for_the_ejection_time_with_its_figures_and_steps_go_to_the_others()
    {
        _bench.Results("a", 20, 10);
        _bench.Results("b", 20, 10, failures: 1);
        _bench.Results("c", 9, 10, failures: 5);
        Assert.Empty(_bench.Recorded);

        _bench.Results("c", 1, 10, failures: 1);

        var ejected = Assert.IsType<AdaptationApplied>(Assert.Single(_bench.Recorded));
        Assert.Equal(("payment.c", "error_rate", "ejected", 0.6, 0.5), (ejected.Instance, ejected.Trigger, ejected.Action, ejected.Measured, ejected.Threshold));
        Assert.Equal(AdaptationBench.At + TimeSpan.FromSeconds(30), ejected.Until);
        Assert.Equal(
            "payment.c failed 6 of its last 10 calls within 30 s (60%, threshold 50%) while its peers failed 2.5%; "
            + "out of the rotation for 30 s (ejection 1, 1 of at most 1 of 3 instances out)",
            ejected.Reason);
        Assert.Equal(["payment.a", "payment.b"], _bench.NotEjected());
    }

    [Fact]
    public void It_comes_back_on_probation_when_its_time_runs_out_and_a_relapse_ejects_it_for_twice_as_long()
    {
        Eject("c");
        _bench.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(["payment.a", "payment.b"], _bench.NotEjected());

        _bench.Advance(TimeSpan.FromSeconds(1));

        var returned = Assert.IsType<AdaptationReverted>(_bench.Recorded.Last());
        Assert.Equal(("payment.c", "error_rate", "ejected", TimeSpan.FromSeconds(30)), (returned.Instance, returned.Trigger, returned.Action, returned.Lasted));
        Assert.Equal("payment.c is back in the rotation on probation after 30 s: its window starts empty, and failing again ejects it for 1 min", returned.Reason);
        Assert.Equal(["payment.a", "payment.b", "payment.c"], _bench.NotEjected());

        _bench.Results("a", 20, 10);
        _bench.Results("c", 10, 10, failures: 5);

        var again = Assert.IsType<AdaptationApplied>(_bench.Recorded.Last());
        Assert.Equal(_bench.Now + TimeSpan.FromMinutes(1), again.Until);
        Assert.Contains("(ejection 2,", again.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_instance_well_for_as_long_as_the_longest_ejection_starts_short_again()
    {
        Eject("c");
        _bench.Advance(TimeSpan.FromSeconds(30));
        _bench.Advance(Ejecting.ErrorRate.MaxEjection);

        _bench.Results("a", 20, 10);
        _bench.Results("c", 10, 10, failures: 5);

        Assert.Equal(_bench.Now + TimeSpan.FromSeconds(30), Assert.IsType<AdaptationApplied>(_bench.Recorded.Last()).Until);
    }

    [Fact]
    public void No_more_than_the_allowed_share_is_out_at_once()
    {
        Eject("c");

        _bench.Results("b", 10, 10, failures: 6);

        Assert.Single(_bench.Recorded);
        Assert.Equal(["payment.a", "payment.b"], _bench.NotEjected());
    }

    [Fact]
    public void When_every_instance_fails_alike_none_is_ejected_as_the_service_is_failing_not_an_instance()
    {
        _bench.Results("a", 10, 10, failures: 6);
        _bench.Results("b", 10, 10, failures: 7);
        _bench.Results("c", 10, 10, failures: 6);

        Assert.Empty(_bench.Recorded);
    }

    [Fact]
    public void The_last_instance_is_never_ejected()
    {
        var alone = new AdaptationBench(Ejecting, "a");

        alone.Results("a", 20, 10, failures: 20);

        Assert.Empty(alone.Recorded);
        Assert.Equal(["payment.a"], alone.NotEjected());
    }

    [Fact]
    public void Failures_older_than_the_window_no_longer_count()
    {
        _bench.Results("a", 10, 10);
        _bench.Results("c", 9, 10, failures: 5);
        _bench.Advance(TimeSpan.FromSeconds(30));

        _bench.Results("c", 1, 10, failures: 1);

        Assert.Empty(_bench.Recorded);
    }

    [Fact]
    public void A_busy_instance_is_judged_on_its_last_calls_not_diluted_by_good_ones_from_before()
    {
        _bench.Results("a", 20, 10);
        _bench.Results("c", 200, 10);

        _bench.Results("c", 20, 10, failures: 10);

        var ejected = Assert.IsType<AdaptationApplied>(Assert.Single(_bench.Recorded));
        Assert.StartsWith("payment.c failed 10 of its last 20 calls within 30 s (50%", ejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Its_fast_failures_do_not_make_it_look_faster_than_its_answers()
    {
        _bench.Results("c", 10, 20);

        _bench.Results("c", 10, 1, failures: 10);

        Assert.Equal(20, _bench.Adaptations.Snapshot(_bench.Now).Single(i => i.Queue == "payment.c").EstimateMs, 3);
    }

    private void Eject(string instance)
    {
        _bench.Results("a", 20, 10);
        _bench.Results(instance, 10, 10, failures: 6);
        Assert.IsType<AdaptationApplied>(Assert.Single(_bench.Recorded));
    }
}
