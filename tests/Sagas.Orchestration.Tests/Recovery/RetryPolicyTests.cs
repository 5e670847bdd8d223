using Sagas.Orchestration.Recovery;

namespace Sagas.Orchestration.Tests.Recovery;

public sealed class RetryPolicyTests
{
    private static readonly RetryPolicy Exact = RetryPolicy.Default with { Jitter = false };

    [Theory]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(4, 800)]
    [InlineData(7, 6400)]
    [InlineData(8, 10000)]
    [InlineData(40, 10000)]
    public void Exponential_back_off_doubles_from_the_delay_up_to_the_maximum(int nextAttempt, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Exact.DelayBefore(nextAttempt, random: 0.5));

    [Fact]
    public void Fixed_back_off_waits_the_same_before_every_retry()
    {
        var policy = Exact with { Backoff = Backoff.Fixed, Delay = TimeSpan.FromSeconds(1) };

        Assert.All([2, 3, 9], attempt => Assert.Equal(TimeSpan.FromSeconds(1), policy.DelayBefore(attempt, random: 0.9)));
    }

    [Theory]
    [InlineData(0.0, 200)]
    [InlineData(0.5, 300)]
    [InlineData(0.999, 399.8)]
    public void Jitter_draws_between_half_the_delay_and_all_of_it(double random, double expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RetryPolicy.Default.DelayBefore(3, random));

    [Fact]
    public void Jitter_never_goes_past_the_maximum() =>
        Assert.Equal(TimeSpan.FromSeconds(10), RetryPolicy.Default.DelayBefore(30, random: 1.0));

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void The_default_allows_three_attempts_in_all(int failedAttempt, bool another) =>
        Assert.Equal(another, RetryPolicy.Default.AllowsAnotherAttempt(failedAttempt));

    [Fact]
    public void Settings_that_make_no_sense_are_named()
    {
        Assert.Null(RetryPolicy.Default.Problem());
        Assert.Equal("MaxAttempts must be at least 1 (it is 0)", (RetryPolicy.Default with { MaxAttempts = 0 }).Problem());
        Assert.Equal("MaxDelay (00:00:00.1000000) must not be shorter than Delay (00:00:00.2000000)",
            (RetryPolicy.Default with { MaxDelay = TimeSpan.FromMilliseconds(100) }).Problem());
    }
}
