namespace Sagas.Orchestration.Discovery;

/// <summary>
/// The instances registered for one service, in the rotation or not. What routing asks on every
/// dispatch (the healthy ones, of the service or of one endpoint) is worked out once per read of
/// the registry, not per step.
/// </summary>
public sealed class ServiceRoster
{
    private readonly Dictionary<string, IReadOnlyList<InstanceEntry>> _byEndpoint;
    private readonly Dictionary<string, IReadOnlyList<InstanceEntry>> _healthyByEndpoint;

    public ServiceRoster(string service, IReadOnlyList<InstanceEntry> instances)
    {
        Service = service;
        Instances = instances;
        Healthy = [.. instances.Where(i => i.InRotation)];
        _byEndpoint = instances.GroupBy(i => i.Endpoint, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<InstanceEntry>)[.. g], StringComparer.Ordinal);
        _healthyByEndpoint = _byEndpoint.ToDictionary(p => p.Key, p => (IReadOnlyList<InstanceEntry>)[.. p.Value.Where(i => i.InRotation)], StringComparer.Ordinal);
    }

    public string Service { get; }

    public IReadOnlyList<InstanceEntry> Instances { get; }

    /// <summary>Those in the rotation.</summary>
    public IReadOnlyList<InstanceEntry> Healthy { get; }

    /// <summary>Those that joined <paramref name="endpoint"/>; all of them when it is null.</summary>
    public IReadOnlyList<InstanceEntry> In(string? endpoint) =>
        endpoint is null ? Instances : _byEndpoint.GetValueOrDefault(endpoint) ?? [];

    /// <summary>Those of <paramref name="endpoint"/> in the rotation; all the healthy ones when it is null.</summary>
    public IReadOnlyList<InstanceEntry> HealthyIn(string? endpoint) =>
        endpoint is null ? Healthy : _healthyByEndpoint.GetValueOrDefault(endpoint) ?? [];

    /// <summary>Why none of <paramref name="registered"/> is in the rotation, instance by instance.</summary>
    public static string WhyNone(IEnumerable<InstanceEntry> registered) =>
        string.Join("; ", registered.Select(i => $"{i.Queue}: {i.OutBecause}"));
}
