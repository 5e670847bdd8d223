using Microsoft.Extensions.Time.Testing;
using Sagas.Definitions.Policies;
using Sagas.Orchestration.Adaptation;
using Sagas.Orchestration.Discovery;
using Sagas.Orchestration.Tests.Discovery;

namespace Sagas.Orchestration.Tests.Adaptation;

/// <summary>
/// One orchestrator's adaptations on a fake clock: results of three payment instances fed in as
/// the result decider would, choices asked for as the router would, and what was recorded.
/// </summary>
internal sealed class AdaptationBench
{
    public static readonly DateTimeOffset At = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private readonly Random _draws = new(7);
    private int _keys;

    public AdaptationBench(AdaptivePolicy? policy = null, params string[] instances)
    {
        Policy = policy ?? new AdaptivePolicy();
        Instances = [.. (instances.Length == 0 ? ["a", "b", "c"] : instances)
            .Select(node => new InstanceEntry(node, "host", Registry.Instance("payment", node), At, null))];
    }

    public FakeTimeProvider Clock { get; } = new(At);

    public ServiceAdaptations Adaptations { get; } = new("orchestrator-1");

    public AdaptivePolicy Policy { get; }

    public IReadOnlyList<InstanceEntry> Instances { get; }

    public List<object> Recorded { get; } = [];

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Results of <paramref name="instance"/> (its node's name), each after <paramref name="latencyMs"/>.</summary>
    public void Results(string instance, int count, double latencyMs, int failures = 0)
    {
        for (var index = 0; index < count; index++)
        {
            Adaptations.Observe("payment", $"payment.{instance}", $"k{++_keys}", TimeSpan.FromMilliseconds(latencyMs), index < failures, Now, Policy, Instances.Count);
        }

        Take();
    }

    /// <summary>Where <paramref name="steps"/> steps go by latency, each answered at once at its instance's latency.</summary>
    public Dictionary<string, int> Spread(int steps, IReadOnlyDictionary<string, double> latencyMs)
    {
        var counts = Instances.ToDictionary(i => i.Queue, _ => 0);
        for (var index = 0; index < steps; index++)
        {
            var key = $"k{++_keys}";
            var choice = Adaptations.ChooseByLatency("payment", Adaptations.NotEjected(Instances), key, key, Now, Policy.Latency, _draws.NextDouble);
            counts[choice.Queue]++;
            var node = choice.Queue["payment.".Length..];
            Adaptations.Observe("payment", choice.Queue, key, TimeSpan.FromMilliseconds(latencyMs[node]), false, Now, Policy, Instances.Count);
        }

        Take();
        return counts;
    }

    public void Advance(TimeSpan by)
    {
        Clock.Advance(by);
        Adaptations.Tick(Now, _ => Policy);
        Take();
    }

    public IReadOnlyList<string> NotEjected() => [.. Adaptations.NotEjected(Instances).Select(i => i.Queue)];

    private void Take() => Recorded.AddRange(Adaptations.TakeJournal());
}
