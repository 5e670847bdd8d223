namespace Sagas.Workers.Resilience;

/// <summary>How one service's calls to the outside are retried, timed out and broken within an attempt.</summary>
/// <remarks>Settable, so configuration binds into it; a service's entry is bound over a copy of the default.</remarks>
public sealed record OutsideCallSettings
{
    /// <summary>Tries after the first; 0 for none.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>The median wait before the first retry, doubling for each one after, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long one try may take before it is cancelled and counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The share of failed tries in the sampling window that opens the circuit.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Tries the window must hold before the ratio counts.</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The window over which the failure ratio is measured.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls at once before it lets one through to test the outside.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly TimeSpan HalfSecond = TimeSpan.FromMilliseconds(500);

    /// <summary>Each value that makes no sense (or that Polly refuses), named by its key under <paramref name="section"/>.</summary>
    public IEnumerable<string> Problems(string section)
    {
        if (Retries < 0)
        {
            yield return $"{section}:Retries must be 0 or more (it is {Retries})";
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay > Day)
        {
            yield return $"{section}:RetryDelay must be between 0 and 1 day (it is {RetryDelay})";
        }

        if (Timeout < TimeSpan.FromMilliseconds(10) || Timeout > Day)
        {
            yield return $"{section}:Timeout must be between 10 ms and 1 day (it is {Timeout})";
        }

        if (!(BreakerFailureRatio > 0 && BreakerFailureRatio <= 1))
        {
            yield return $"{section}:BreakerFailureRatio must be above 0 and at most 1 (it is {BreakerFailureRatio})";
        }

        if (BreakerMinimumThroughput < 2)
        {
            yield return $"{section}:BreakerMinimumThroughput must be at least 2 (it is {BreakerMinimumThroughput})";
        }

        if (BreakerSamplingDuration < HalfSecond || BreakerSamplingDuration > Day)
        {
            yield return $"{section}:BreakerSamplingDuration must be between 0.5 s and 1 day (it is {BreakerSamplingDuration})";
        }

        if (BreakDuration < HalfSecond || BreakDuration > Day)
        {
            yield return $"{section}:BreakDuration must be between 0.5 s and 1 day (it is {BreakDuration})";
        }
    }
}
