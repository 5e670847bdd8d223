using Sagas.Definitions.Building;
using Sagas.Definitions.Policies;
using Sagas.Orchestration.Nodes;

namespace Sagas.Orchestration.Discovery;

/// <summary>
/// Which instances serve each service, as of one read of the registry: pure, built from the
/// nodes' last heartbeats and the discovery policy.
/// </summary>
/// <remarks>
/// An instance is in the rotation while its node announces itself (a heartbeat within half the
/// refresh interval, and at least two of the node's own intervals), the node is healthy and, when
/// health checks count, its own check does not say unhealthy. Read every quarter of the refresh
/// interval, an instance leaves the rotation within the refresh interval of its last heartbeat or
/// failed check. A node that said goodbye (a clean stop: a deploy, a scale-down) is forgotten at
/// once, and one lost for <see cref="ForgetAfter"/> too: a service none of whose instances is left
/// is unknown again, and its steps go to its shared queue, as before discovery. One whose
/// instances are lost, silent or unhealthy is known, and its steps wait for one to be healthy.
/// </remarks>
public sealed class ServiceDirectory
{
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    /// <summary>Nothing registered (discovery off, or not read yet): every step goes to its service's shared queue.</summary>
    public static readonly ServiceDirectory Empty = new(new Dictionary<string, ServiceRoster>(), DiscoveryPolicy.Default);

    private readonly IReadOnlyDictionary<string, ServiceRoster> _byService;

    private ServiceDirectory(IReadOnlyDictionary<string, ServiceRoster> byService, DiscoveryPolicy policy)
    {
        _byService = byService;
        Policy = policy;
    }

    public DiscoveryPolicy Policy { get; }

    /// <summary>How long a step waiting for an instance waits before it looks again.</summary>
    public TimeSpan RecheckEvery => Policy.RefreshInterval / 4;

    public IReadOnlyCollection<ServiceRoster> Services => [.. _byService.Values];

    /// <summary>The service's roster; null when no instance of it is registered.</summary>
    public ServiceRoster? Of(string service) => _byService.GetValueOrDefault(service);

    public static ServiceDirectory From(IEnumerable<NodeView> nodes, DiscoveryPolicy policy, DateTimeOffset now)
    {
        if (!policy.Enabled)
        {
            return new ServiceDirectory(new Dictionary<string, ServiceRoster>(), policy);
        }

        var entries = nodes
            .Where(node => node.Status != NodeStatus.Stopped && now - node.LastSeen < ForgetAfter)
            .SelectMany(node => node.Instances.Select(report => new InstanceEntry(node.Id, node.Host, report, node.LastSeen, OutBecause(node, report, policy, now))));
        var byService = entries
            .GroupBy(e => e.Service, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new ServiceRoster(g.Key, [.. g.OrderBy(e => e.Queue, StringComparer.Ordinal)]), StringComparer.Ordinal);
        return new ServiceDirectory(byService, policy);
    }

    private static string? OutBecause(NodeView node, Contracts.Events.ServiceInstanceReport report, DiscoveryPolicy policy, DateTimeOffset now)
    {
        var silent = now - node.LastSeen;
        var staleAfter = TimeSpan.FromTicks(Math.Max(policy.RefreshInterval.Ticks / 2, node.Interval.Ticks * 2));
        return node.Status switch
        {
            NodeStatus.Lost => $"its node {node.Id} is lost: no heartbeat for {DurationText.Roughly(silent)}",
            _ when silent >= staleAfter => $"no heartbeat from its node {node.Id} for {DurationText.Roughly(silent)}",
            _ when node.Unhealthy is { } unhealthy => $"its node {node.Id} is unhealthy: {unhealthy}",
            _ when policy.HealthCheck && report.Health == "unhealthy" => $"its health check fails: {report.Problem}",
            _ => null,
        };
    }
}
