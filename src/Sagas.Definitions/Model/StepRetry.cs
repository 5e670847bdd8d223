namespace Sagas.Definitions.Model;

/// <summary>
/// A step's own retry settings (<c>retry:</c> in its definition). Each value left out falls back
/// to the service's policy, then the global one.
/// </summary>
public sealed record StepRetry
{
    public int? MaxAttempts { get; init; }

    public RetryBackoff? Backoff { get; init; }

    public TimeSpan? Delay { get; init; }

    public TimeSpan? MaxDelay { get; init; }

    public bool? Jitter { get; init; }

    public required int Line { get; init; }
}
