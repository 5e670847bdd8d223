namespace Sagas.IntegrationTests;

/// <summary>A stream's events by type, in order: what a failure message shows of a workflow's history.</summary>
internal static class EventNames
{
    public static string Of(IEnumerable<object> events) => $"[{string.Join(", ", events.Select(e => e.GetType().Name))}]";
}
