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
    private readonly RecentDecisions<EndpointChoice> _choices = new();
    private readonly RecentDecisions<bool> _finished = new();

    /// <summary>The endpoint for a step's attempt; asked again under the same <paramref name="key"/> (a retried message), the same one, counted once.</summary>
    public EndpointChoice Choose(string service, IReadOnlyList<ServiceEndpoint> endpoints, BalancingAlgorithm algorithm, string key)
    {
        lock (_lock)
        {
            return _choices.GetOrAdd(key, () => ChooseNew(service, endpoints, algorithm));
        }
    }

    /// <summary>A step's attempt on the endpoint is over; counted once per <paramref name="key"/>.</summary>
    public void Finished(string service, string endpoint, string key)
    {
        lock (_lock)
        {
            _finished.GetOrAdd(key, () =>
            {
                if (_byService.TryGetValue(service, out var balancer))
                {
                    balancer.Finished(endpoint);
                }

                return true;
            });
        }
    }

    private EndpointChoice ChooseNew(string service, IReadOnlyList<ServiceEndpoint> endpoints, BalancingAlgorithm algorithm)
    {
        {
            if (!_byService.TryGetValue(service, out var balancer) || balancer.Algorithm != algorithm || !balancer.Endpoints.SequenceEqual(endpoints))
            {
                balancer = new EndpointBalancer(endpoints, algorithm);
                _byService[service] = balancer;
            }

            return balancer.Choose();
        }
    }
}
