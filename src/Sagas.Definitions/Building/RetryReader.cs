using Sagas.Definitions.Model;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Building;

/// <summary>
/// Reads a step's <c>retry:</c> block. Every key is optional, because each one left out falls
/// back to the service's policy and then the global one.
/// </summary>
internal static class RetryReader
{
    /// <summary>The keys of a retry block, also those of a <c>retry</c> policy in <c>policies.yaml</c>.</summary>
    public static readonly string[] Keys = ["max_attempts", "backoff", "delay", "max_delay", "jitter"];

    private static readonly Dictionary<string, RetryBackoff> Backoffs = new(StringComparer.Ordinal)
    {
        ["fixed"] = RetryBackoff.Fixed,
        ["exponential"] = RetryBackoff.Exponential,
    };

    /// <summary>The step's retry settings, or null when it has no (valid) <c>retry:</c> block.</summary>
    public static StepRetry? Read(SourceEntry? entry, string? stepId, ErrorSink errors)
    {
        if (entry?.Value is null or SourceScalar { Kind: ScalarKind.Null })
        {
            return null;
        }

        if (entry.Value is not SourceMapping mapping)
        {
            errors.Add(entry.Value.Position, stepId, ErrorCodes.WrongType,
                $"'retry' must be a mapping of {string.Join(", ", Keys)}, not {entry.Value.KindName}");
            return null;
        }

        return Read(new KeyedEntries(mapping, Keys, stepId, errors), "retry", entry.Key.Position.Line, stepId, errors);
    }

    /// <summary>
    /// Reads the retry keys of <paramref name="keys"/>, naming each in messages as
    /// <c>PATH.key</c>: a step's <c>retry.delay</c> or a policy's <c>orchestration.policies[2].delay</c>.
    /// </summary>
    public static StepRetry Read(KeyedEntries keys, string path, int line, string? stepId, ErrorSink errors)
    {
        var delay = DurationReader.Read(keys["delay"], $"{path}.delay", stepId, errors);
        var maxDelay = DurationReader.Read(keys["max_delay"], $"{path}.max_delay", stepId, errors);
        if (maxDelay < delay)
        {
            // The wait starts at delay and is capped at max_delay, so the cap must not be below the start.
            errors.Add(keys["max_delay"]!.Position, stepId, ErrorCodes.MaxDelayBelowDelay,
                $"'{path}.max_delay' {DurationText.Format(maxDelay.Value)} is shorter than '{path}.delay' {DurationText.Format(delay!.Value)}; make it at least as long");
        }

        return new StepRetry
        {
            MaxAttempts = ScalarReader.Count(keys["max_attempts"], $"{path}.max_attempts",
                "a whole number from 1 (attempts in all, the first included)", stepId, ErrorCodes.InvalidMaxAttempts, errors),
            Backoff = ScalarReader.Choice(keys["backoff"], $"{path}.backoff", Backoffs, stepId, ErrorCodes.InvalidBackoff, errors),
            Delay = delay,
            MaxDelay = maxDelay,
            Jitter = ScalarReader.Flag(keys["jitter"], $"{path}.jitter", stepId, ErrorCodes.WrongType, errors),
            Line = line,
        };
    }
}
