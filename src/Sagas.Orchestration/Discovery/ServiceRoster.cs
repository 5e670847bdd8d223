namespace Sagas.Orchestration.Discovery;

/// <summary>The instances registered for one service, in the rotation or not.</summary>
public sealed record ServiceRoster(string Service, IReadOnlyList<InstanceEntry> Instances)
{
    /// <summary>Those that joined <paramref name="endpoint"/>; all of them when it is null.</summary>
    public IReadOnlyList<InstanceEntry> In(string? endpoint) =>
        endpoint is null ? Instances : [.. Instances.Where(i => i.Endpoint == endpoint)];

    /// <summary>Why none of <paramref name="registered"/> is in the rotation, instance by instance.</summary>
    public static string WhyNone(IEnumerable<InstanceEntry> registered) =>
        string.Join("; ", registered.Select(i => $"{i.Queue}: {i.OutBecause}"));
}
