using Sagas.Definitions.Policies;

namespace Sagas.Orchestration.Policies;

/// <summary>
/// Spreads one service's steps over its endpoints: in turn (<c>round_robin</c>), in proportion to
/// their weights, interleaved rather than in runs (<c>weighted</c>, the smooth weighted
/// round robin of nginx), or to the endpoint with the fewest steps out from this node
/// (<c>least_outstanding</c>, ties in turn). Pure apart from its own counters.
/// </summary>
public sealed class EndpointBalancer(IReadOnlyList<ServiceEndpoint> endpoints, BalancingAlgorithm algorithm)
{
    private readonly int[] _current = new int[endpoints.Count];
    private readonly int[] _outstanding = new int[endpoints.Count];
    private int _turn;

    public IReadOnlyList<ServiceEndpoint> Endpoints => endpoints;

    public BalancingAlgorithm Algorithm => algorithm;

    /// <summary>The endpoint for the next step, and why, in words for its <c>StepDispatched</c>.</summary>
    public EndpointChoice Choose()
    {
        var index = algorithm switch
        {
            BalancingAlgorithm.Weighted => NextWeighted(),
            BalancingAlgorithm.LeastOutstanding => LeastOutstanding(),
            _ => _turn++ % endpoints.Count,
        };
        var why = algorithm switch
        {
            BalancingAlgorithm.Weighted => $"weighted: {endpoints[index].Name} (weight {endpoints[index].Weight} of {endpoints.Sum(e => e.Weight)})",
            BalancingAlgorithm.LeastOutstanding => $"least_outstanding: {string.Join(", ", endpoints.Select((e, i) => $"{e.Name} {_outstanding[i]}"))} out",
            _ => $"round_robin: {endpoints[index].Name} ({index + 1} of {endpoints.Count})",
        };
        _outstanding[index]++;
        return new EndpointChoice(endpoints[index].Name, why);
    }

    /// <summary>A step sent to <paramref name="endpoint"/> has its result (or was given up on).</summary>
    public void Finished(string endpoint)
    {
        for (var i = 0; i < endpoints.Count; i++)
        {
            if (endpoints[i].Name == endpoint && _outstanding[i] > 0)
            {
                _outstanding[i]--;
                return;
            }
        }
    }

    private int NextWeighted()
    {
        var total = 0;
        var best = 0;
        for (var i = 0; i < endpoints.Count; i++)
        {
            _current[i] += endpoints[i].Weight;
            total += endpoints[i].Weight;
            if (_current[i] > _current[best])
            {
                best = i;
            }
        }

        _current[best] -= total;
        return best;
    }

    private int LeastOutstanding()
    {
        var start = _turn++ % endpoints.Count;
        var best = start;
        for (var k = 1; k < endpoints.Count; k++)
        {
            var i = (start + k) % endpoints.Count;
            if (_outstanding[i] < _outstanding[best])
            {
                best = i;
            }
        }

        return best;
    }
}

/// <summary>The queue a step goes to, and why it was chosen.</summary>
public sealed record EndpointChoice(string Endpoint, string? Reason);
