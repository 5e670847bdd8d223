namespace Sagas.Definitions.Policies;

/// <summary>
/// <c>orchestration.services.NAME</c>: the endpoints (queues) that serve a service, the services
/// its steps fail over to, and the policies that apply to its steps.
/// </summary>
public sealed record ServicePolicies
{
    public required string Service { get; init; }

    /// <summary>The queues serving the service; empty: one queue named after it.</summary>
    public IReadOnlyList<ServiceEndpoint> Endpoints { get; init; } = [];

    /// <summary>Services tried in order when this one's attempts are exhausted or its circuit is open.</summary>
    public IReadOnlyList<string> Alternates { get; init; } = [];

    public PolicyScope Policies { get; init; } = PolicyScope.None;

    /// <summary>Its own <c>adaptive</c>, over the global one; null: the global one applies.</summary>
    public AdaptivePolicy? Adaptive { get; init; }

    public required int Line { get; init; }
}

/// <summary>One queue serving a service, and its share of the steps under <c>weighted</c> balancing.</summary>
public sealed record ServiceEndpoint(string Name, int Weight, int Line);
