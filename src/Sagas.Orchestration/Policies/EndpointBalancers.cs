using Sagas.Definitions.Policies;

namespace Sagas.Orchestration.Policies;

/// <summary>
/// The balancer of every service with several endpoints, on this node. Each node spreads the
/// steps it dispatches; over many nodes the spread evens out, and least-outstanding counts what
/// this node has out.
/// </summary>
public sealed class EndpointBalancers
{
    private readonly Dictionary<string, EndpointBalancer> _byService = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public EndpointChoice Choose(string service, IReadOnlyList<ServiceEndpoint> endpoints, BalancingAlgorithm algorithm)
    {
        lock (_lock)
        {
            if (!_byService.TryGetValue(service, out var balancer) || balancer.Algorithm != algorithm || !balancer.Endpoints.SequenceEqual(endpoints))
            {
                balancer = new EndpointBalancer(endpoints, algorithm);
                _byService[service] = balancer;
            }

            return balancer.Choose();
        }
    }

    public void Finished(string service, string endpoint)
    {
        lock (_lock)
        {
            if (_byService.TryGetValue(service, out var balancer))
            {
                balancer.Finished(endpoint);
            }
        }
    }
}
