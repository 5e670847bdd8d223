using Sagas.Definitions.Building;

namespace Sagas.Orchestration.Policies;

/// <summary>A duration as a person writes it in a policy: <c>30 s</c>, <c>250 ms</c>, <c>2 min</c>.</summary>
public static class DurationWords
{
    public static string Of(TimeSpan span) => DurationText.Words(span);
}
