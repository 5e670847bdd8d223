using System.Threading.Channels;
using Sagas.Orchestration.Nodes;
using Sagas.Orchestration.Policies;

namespace Sagas.Orchestration.Discovery;

/// <summary>
/// This node's latest read of the registry (<see cref="ServiceDirectory"/>), which the router
/// consults on every dispatch without a round trip, and its spread of steps over each endpoint's
/// instances: in turn, as this node dispatches them.
/// </summary>
/// <remarks>
/// Asked again under the same decision key (a saga message retried after a lost race), it picks
/// the same instance, as the circuits and balancers do.
/// </remarks>
public sealed class DiscoveredServices : IRegistryChanges
{
    private readonly Dictionary<string, int> _turns = new(StringComparer.Ordinal);
    private readonly RecentDecisions<InstanceChoice> _choices = new();
    private readonly Lock _lock = new();
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private volatile ServiceDirectory _current = ServiceDirectory.Empty;

    public ServiceDirectory Current => _current;

    public void Replace(ServiceDirectory directory) => _current = directory;

    /// <summary>The registry changed (this node recorded an instance joining or its health changing): read it before the next tick.</summary>
    public void Changed() => _changed.Writer.TryWrite(true);

    /// <summary>Completes when <see cref="Changed"/> was called since the last wait.</summary>
    public async Task WaitForChangeAsync(CancellationToken cancellationToken) => await _changed.Reader.ReadAsync(cancellationToken);

    /// <summary>One of <paramref name="candidates"/> (in the rotation, of one endpoint) for a step's attempt, and why.</summary>
    public InstanceChoice Choose(string endpoint, IReadOnlyList<InstanceEntry> candidates, string key)
    {
        if (candidates.Count == 1)
        {
            return new InstanceChoice(candidates[0].Queue, null);
        }

        lock (_lock)
        {
            return _choices.GetOrAdd(key, () =>
            {
                var turn = _turns.GetValueOrDefault(endpoint);
                _turns[endpoint] = turn + 1;
                var index = turn % candidates.Count;
                return new InstanceChoice(candidates[index].Queue, $"instance {candidates[index].Queue} ({index + 1} of {candidates.Count} healthy in turn)");
            });
        }
    }
}

/// <summary>The instance queue a step goes to, and why it was chosen (null when it was the only healthy one).</summary>
public sealed record InstanceChoice(string Queue, string? Reason);
