namespace Sagas.Definitions.Policies;

/// <summary>
/// The orchestration policies of one <c>policies.yaml</c>: defaults for every step, then
/// overrides per service and per workflow. A step's own settings in its definition win over all.
/// </summary>
public sealed record PolicyFile
{
    /// <summary>No file: every policy at its built-in default.</summary>
    public static readonly PolicyFile Empty = new() { File = "(none)" };

    /// <summary>Where the policies came from, for messages about them.</summary>
    public required string File { get; init; }

    /// <summary><c>orchestration.policies</c>: what applies where nothing more specific is said.</summary>
    public PolicyScope Defaults { get; init; } = PolicyScope.None;

    /// <summary><c>orchestration.services.NAME</c>, by service name.</summary>
    public IReadOnlyDictionary<string, ServicePolicies> Services { get; init; } = new Dictionary<string, ServicePolicies>();

    /// <summary><c>orchestration.workflows.ID.policies</c>, by workflow id.</summary>
    public IReadOnlyDictionary<string, PolicyScope> Workflows { get; init; } = new Dictionary<string, PolicyScope>();

    /// <summary><c>orchestration.analytics</c>: on, with every metric, unless it says otherwise.</summary>
    public AnalyticsPolicy Analytics { get; init; } = AnalyticsPolicy.Default;

    /// <summary><c>orchestration.service_discovery</c>: through the broker, every 30 s, with health checks, unless it says otherwise.</summary>
    public DiscoveryPolicy Discovery { get; init; } = DiscoveryPolicy.Default;

    /// <summary><c>orchestration.adaptive</c>: off unless the file has the key; a service's own <c>adaptive</c> goes over it.</summary>
    public AdaptivePolicy Adaptive { get; init; } = AdaptivePolicy.Off;
}
