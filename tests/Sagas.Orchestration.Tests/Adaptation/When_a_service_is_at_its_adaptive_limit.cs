using Microsoft.Extensions.Time.Testing;
using Sagas.Definitions.Policies;
using Sagas.Orchestration.Adaptation;

namespace Sagas.Orchestration.Tests.Adaptation;

public sealed class When_a_service_is_at_its_adaptive_limit
{
    private static readonly LoadAdaptation Policy = new() { InitialLimit = 2, MinLimit = 1, MaxLimit = 10, Tolerance = 2 };

    private readonly FakeTimeProvider _clock = new(AdaptationBench.At);
    private readonly ServiceLimits _limits = new("orchestrator-1");
    private readonly List<string> _woken = [];

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public void Steps_over_it_wait_in_order_and_each_freed_slot_wakes_the_longest_waiting()
    {
        Assert.True(Admit("k1").Admitted);
        Assert.True(Admit("k2").Admitted);

        var third = Admit("k3");
        var fourth = Admit("k4");
        Assert.Equal((false, 2, 2, 0), (third.Admitted, third.Allowed, third.InFlight, third.Ahead));
        Assert.Equal((false, 1), (fourth.Admitted, fourth.Ahead));

        Release("k1");
        Assert.Equal(["k3"], Woken());

        // Its slot is kept for it: a newcomer queues behind the others.
        Assert.False(Admit("k5").Admitted);
        Assert.True(Admit("k3", retried: true).Admitted);
        Assert.False(Admit("k4", retried: true).Admitted);

        Release("k2");
        Assert.Equal(["k4"], Woken());
        Assert.True(Admit("k4", retried: true, round: 2).Admitted);
    }

    [Fact]
    public void A_message_asked_again_under_the_same_key_gets_the_same_answer_and_takes_one_slot()
    {
        Assert.True(Admit("k1").Admitted);
        Assert.True(_limits.Admit("payment", Waiter("k1"), "k1@0", Now, Policy).Admitted);
        Assert.True(Admit("k2").Admitted);

        Release("k1");
        Release("k1");

        Assert.Equal((2, 1), (_limits.Snapshot().Single().Allowed, _limits.Snapshot().Single().InFlight));
    }

    [Fact]
    public void A_woken_step_that_never_comes_gives_its_turn_to_the_next()
    {
        Admit("k1");
        Admit("k2");
        Admit("k3");
        Admit("k4");
        Release("k1");
        Assert.Equal(["k3"], Woken());

        _clock.Advance(ServiceLimits.ClaimWithin);
        _limits.Tick(Now);

        Assert.Equal(["k4"], Woken());
    }

    [Fact]
    public void An_answer_that_went_to_another_node_frees_its_slot_after_a_while()
    {
        Admit("k1");
        Admit("k2");
        Admit("k3");

        _clock.Advance(ServiceLimits.InFlightFor);
        _limits.Tick(Now);

        Assert.Equal(["k3"], Woken());
    }

    [Fact]
    public void Its_limit_falls_while_latency_is_above_the_tolerance_and_climbs_back_when_it_recovers_each_recorded_once()
    {
        var limit = new AdaptiveLimit("payment", new LoadAdaptation { InitialLimit = 20, MinLimit = 2, MaxLimit = 50, Tolerance = 2 });
        var recorded = new List<object>();
        void Results(int count, double ms, TimeSpan every)
        {
            for (var i = 0; i < count; i++)
            {
                _clock.Advance(every);
                if (limit.Observe(ms, inFlight: 19, Now, "orchestrator-1") is { } change)
                {
                    recorded.Add(change);
                }
            }
        }

        Results(10, 10, TimeSpan.FromMilliseconds(10));
        Assert.Equal(20, limit.Allowed);

        Results(20, 60, TimeSpan.FromSeconds(1));
        var applied = Assert.IsType<AdaptationApplied>(Assert.Single(recorded));
        Assert.Equal(("payment", null, "load", "limited"), (applied.Service, applied.Instance, applied.Trigger, applied.Action));
        Assert.InRange(applied.Threshold, 20, 21);
        Assert.StartsWith("'payment' answers in ", applied.Reason, StringComparison.Ordinal);
        Assert.Contains("at most 18 of its steps in flight from this orchestrator (from 20)", applied.Reason, StringComparison.Ordinal);
        Assert.True(limit.Allowed < 10, $"the limit is {limit.Allowed}");

        Results(40, 10, TimeSpan.FromMilliseconds(10));
        Assert.Single(recorded);
        Assert.True(limit.Limited);

        Results(400, 10, TimeSpan.FromMilliseconds(10));
        var reverted = Assert.IsType<AdaptationReverted>(recorded.Last());
        Assert.Equal(2, recorded.Count);
        Assert.Equal(("load", "limited"), (reverted.Trigger, reverted.Action));
        Assert.False(limit.Limited);
        Assert.EndsWith("its limit is back to 20 in flight", reverted.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Noisy_latency_around_a_steady_level_does_not_move_it()
    {
        var limit = new AdaptiveLimit("payment", new LoadAdaptation { InitialLimit = 20, MinLimit = 2, MaxLimit = 50, Tolerance = 2 });
        var recorded = new List<object>();
        // Steady around 40 ms, each result anywhere from 15 to 65: the bench's noop seen from a busy orchestrator.
        var noise = new Random(11);
        for (var i = 0; i < 3000; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(7));
            if (limit.Observe(15 + (noise.NextDouble() * 50), inFlight: 10, Now, "orchestrator-1") is { } change)
            {
                recorded.Add(change);
            }
        }

        Assert.Empty(recorded);
        Assert.False(limit.Limited);
    }

    [Fact]
    public void A_lowered_limit_that_grows_back_at_once_stays_recorded_for_its_hold()
    {
        var limit = new AdaptiveLimit("payment", new LoadAdaptation { InitialLimit = 20, MinLimit = 2, MaxLimit = 50, Tolerance = 2 });
        for (var i = 0; i < 10; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(10));
            limit.Observe(10, 19, Now, "orchestrator-1");
        }

        var applied = new List<object?>();
        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            applied.Add(limit.Observe(200, 19, Now, "orchestrator-1"));
        }

        Assert.Single(applied.OfType<AdaptationApplied>());
        var since = Now - TimeSpan.FromSeconds(2);

        // Back to normal at once: the limit is back at 20 within a second, the record within the hold.
        object? reverted = null;
        while (reverted is null)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(10));
            reverted = limit.Observe(10, 19, Now, "orchestrator-1");
        }

        Assert.IsType<AdaptationReverted>(reverted);
        Assert.True(Now - since >= AdaptiveLimit.HoldFor, $"{Now - since}");
    }

    [Fact]
    public void It_never_falls_under_its_minimum()
    {
        var limit = new AdaptiveLimit("payment", new LoadAdaptation { InitialLimit = 4, MinLimit = 3, MaxLimit = 10, Tolerance = 2 });
        for (var i = 0; i < 5; i++)
        {
            limit.Observe(10, 3, Now, "orchestrator-1");
        }

        for (var i = 0; i < 30; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            limit.Observe(500, 3, Now, "orchestrator-1");
        }

        Assert.Equal(3, limit.Allowed);
    }

    private LimitAdmission Admit(string key, bool retried = false, int round = 1) =>
        _limits.Admit("payment", Waiter(key), retried ? $"{key}@{round}" : $"{key}@0", Now, Policy);

    private void Release(string key) => _limits.Release("payment", key, TimeSpan.FromMilliseconds(10), Now, Policy);

    private static LimitWaiter Waiter(string key) => new(Guid.Empty, "charge", 1, key);

    private List<string> Woken()
    {
        var woken = new List<string>();
        while (_limits.Wakeups.TryRead(out var waiter))
        {
            woken.Add(waiter.AttemptKey);
        }

        return woken;
    }
}
