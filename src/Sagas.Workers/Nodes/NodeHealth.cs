namespace Sagas.Workers.Nodes;

/// <summary>
/// Whether a node is healthy, from what its probes said over time. A dependency that fails is
/// first left to local recovery (MassTransit reconnects, Npgsql reopens, messages are retried);
/// only one that keeps failing for <see cref="NodeOptions.UnhealthyAfter"/> makes the node
/// unhealthy, which its heartbeats then say. Pure: the caller brings the clock.
/// </summary>
public sealed class NodeHealth(TimeSpan unhealthyAfter)
{
    private readonly Dictionary<string, (DateTimeOffset Since, string Problem)> _failing = new(StringComparer.Ordinal);

    /// <summary>Records what a probe said at <paramref name="now"/>: null for working.</summary>
    public void Observe(string dependency, string? problem, DateTimeOffset now)
    {
        if (problem is null)
        {
            _failing.Remove(dependency);
        }
        else
        {
            var since = _failing.TryGetValue(dependency, out var earlier) ? earlier.Since : now;
            _failing[dependency] = (since, problem);
        }
    }

    /// <summary>Null while healthy; otherwise why not, naming each dependency failing too long and since when.</summary>
    public string? Unhealthy(DateTimeOffset now)
    {
        var escalated = _failing
            .Where(f => now - f.Value.Since >= unhealthyAfter)
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => $"{f.Key} failing for {(now - f.Value.Since).TotalSeconds:0} s ({f.Value.Problem})")
            .ToList();
        return escalated.Count == 0 ? null : string.Join("; ", escalated);
    }
}
