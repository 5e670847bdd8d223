namespace Sagas.Workers.Nodes;

/// <summary>How a node says which of its parts are degraded: one line for its heartbeats and its <c>/health/ready</c> alike.</summary>
public static class DegradedParts
{
    /// <summary>Null while every part works fully; otherwise <c>analytics (why); other (why)</c>.</summary>
    public static string? Describe(IEnumerable<IDegradedPart> parts)
    {
        var degraded = parts.Where(p => p.Degraded is not null).Select(p => $"{p.Name} ({p.Degraded})").ToList();
        return degraded.Count == 0 ? null : string.Join("; ", degraded);
    }
}
