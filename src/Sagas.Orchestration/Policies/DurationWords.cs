namespace Sagas.Orchestration.Policies;

/// <summary>A duration as a person writes it in a policy: <c>30 s</c>, <c>250 ms</c>, <c>2 min</c>.</summary>
public static class DurationWords
{
    public static string Of(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.Seconds == 0 && span.Milliseconds == 0 ? $"{span.TotalMinutes:0} min"
        : span.TotalSeconds >= 1 && span.Milliseconds == 0 ? $"{span.TotalSeconds:0} s"
        : $"{span.TotalMilliseconds:0} ms";
}
