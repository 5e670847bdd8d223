namespace Sagas.Definitions.Policies;

/// <summary>
/// <c>orchestration.service_discovery</c>: where the orchestrators learn which instances serve
/// each service, how often they look again, and whether an instance's own health checks count.
/// </summary>
/// <remarks>
/// An instance leaves the rotation within <see cref="RefreshInterval"/> of its last heartbeat or of
/// a failed check, and comes back within one of a healthy one.
/// </remarks>
public sealed record DiscoveryPolicy
{
    /// <summary>On, through the broker, every 30 s, with health checks: what applies without the key.</summary>
    public static readonly DiscoveryPolicy Default = new();

    public DiscoveryType Type { get; init; } = DiscoveryType.Broker;

    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>False: an instance is in rotation while it announces itself, whatever its checks say.</summary>
    public bool HealthCheck { get; init; } = true;

    /// <summary>False: steps go to each service's shared queue, as before discovery.</summary>
    public bool Enabled { get; init; } = true;
}

/// <summary>The registry behind discovery. Only the broker's is built in; see <see cref="DiscoveryPolicyReader"/> for Consul.</summary>
public enum DiscoveryType
{
    /// <summary>Instances announce themselves in their nodes' heartbeats through RabbitMQ; the orchestrators keep them in PostgreSQL.</summary>
    Broker,
}
