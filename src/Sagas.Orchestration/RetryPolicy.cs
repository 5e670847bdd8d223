namespace Sagas.Orchestration;

/// <summary>
/// How often and how patiently a failed step is tried again. Only failures the service marks
/// retryable are retried; a permanent failure ends the step at once.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>The global default: 3 attempts, exponential from 200 ms, at most 10 s, with jitter.</summary>
    public static readonly RetryPolicy Default = new();

    /// <summary>Attempts in all, the first included; 1 means never retry.</summary>
    public int MaxAttempts { get; init; } = 3;

    public Backoff Backoff { get; init; } = Backoff.Exponential;

    /// <summary>The wait before the first retry.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Spreads retries of many workflows that failed together: the wait is drawn between half
    /// the computed delay and all of it.
    /// </summary>
    public bool Jitter { get; init; } = true;

    public bool AllowsAnotherAttempt(int failedAttempt) => failedAttempt < MaxAttempts;

    /// <summary>
    /// The wait before <paramref name="nextAttempt"/> (2 for the first retry). <paramref name="random"/>
    /// is a draw from [0, 1), used only with jitter; the caller records the result, so a replay
    /// never draws again.
    /// </summary>
    public TimeSpan DelayBefore(int nextAttempt, double random)
    {
        var retry = Math.Max(1, nextAttempt - 1);
        var computed = Backoff == Backoff.Fixed
            ? Delay
            : TimeSpan.FromTicks((long)Math.Min(Delay.Ticks * Math.Pow(2, retry - 1), MaxDelay.Ticks));
        var capped = computed > MaxDelay ? MaxDelay : computed;
        return Jitter ? capped / 2 + capped / 2 * Math.Clamp(random, 0, 1) : capped;
    }

    /// <summary>The first problem with these settings, or null when they make sense.</summary>
    public string? Problem() =>
        MaxAttempts < 1 ? $"MaxAttempts must be at least 1 (it is {MaxAttempts})"
        : Delay < TimeSpan.Zero ? $"Delay must not be negative (it is {Delay})"
        : MaxDelay < Delay ? $"MaxDelay ({MaxDelay}) must not be shorter than Delay ({Delay})"
        : null;

    public override string ToString() =>
        $"{MaxAttempts} attempts, {Backoff.ToString().ToLowerInvariant()} from {Delay.TotalMilliseconds:0} ms up to {MaxDelay.TotalMilliseconds:0} ms{(Jitter ? " with jitter" : string.Empty)}";
}
