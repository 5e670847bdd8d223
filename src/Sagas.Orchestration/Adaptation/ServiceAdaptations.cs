using Sagas.Definitions.Policies;
using Sagas.Orchestration.Discovery;
using Sagas.Orchestration.Policies;

namespace Sagas.Orchestration.Adaptation;

/// <summary>
/// What this orchestrator has observed of every service instance it sent steps to, and the
/// adaptations in force on them: the latency balancing reads, the ejections it honours. Each
/// orchestrator adapts on its own observations (see README, Adaptive orchestration): no shared
/// row on any step's path. Every adaptation that begins or ends is queued here, once, for
/// <see cref="AdaptationJournal"/> to append to the service's stream.
/// </summary>
/// <remarks>
/// A saga message retried after a lost race asks again under the same keys: it gets the same
/// instance, and its result is counted once.
/// </remarks>
public sealed class ServiceAdaptations(string orchestrator)
{
    /// <summary>A step not answered within this long is no longer counted in flight: its result went to another node, or never came.</summary>
    private static readonly TimeSpan PendingFor = TimeSpan.FromMinutes(5);

    /// <summary>An instance nothing was seen of for this long is forgotten, and its adaptations end.</summary>
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, InstanceObservations> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<InstanceObservations>> _byService = new(StringComparer.Ordinal);
    private readonly RecentDecisions<InstanceChoice> _choices = new();
    private readonly RecentDecisions<bool> _observed = new();
    private readonly List<object> _journal = [];
    private readonly Lock _lock = new();
    private int _ejected;

    public ServiceAdaptations()
        : this($"{Environment.MachineName}:{Environment.ProcessId}")
    {
    }

    public string Orchestrator => orchestrator;

    /// <summary>The adaptive concurrency limits (<c>load</c>), whose records join this journal.</summary>
    public ServiceLimits Limits { get; } = new(orchestrator);

    /// <summary>Those of <paramref name="candidates"/> not ejected for their failures.</summary>
    public IReadOnlyList<InstanceEntry> NotEjected(IReadOnlyList<InstanceEntry> candidates)
    {
        lock (_lock)
        {
            return _ejected == 0
                ? candidates
                : [.. candidates.Where(c => !_instances.TryGetValue(c.Queue, out var seen) || seen.EjectedUntil is null)];
        }
    }

    /// <summary>The instance for a step by latency (<see cref="LatencyChoice"/>), counted in flight there under <paramref name="attemptKey"/> until its result.</summary>
    public InstanceChoice ChooseByLatency(
        string service, IReadOnlyList<InstanceEntry> candidates, string key, string attemptKey, DateTimeOffset now, LatencyAdaptation policy, Func<double> random)
    {
        lock (_lock)
        {
            return _choices.GetOrAdd(key, () =>
            {
                var choice = LatencyChoice.Choose(candidates, _instances.GetValueOrDefault, now, random);
                Of(service, choice.Queue, policy.Decay).Sent(attemptKey, now);
                return choice;
            });
        }
    }

    /// <summary>
    /// The result of a step's attempt (<paramref name="key"/>, as at its dispatch) sent to <paramref name="instance"/>, after
    /// <paramref name="latency"/>: <paramref name="failed"/> true for a failure that counts against
    /// it, false for a success, null for an answer that says nothing of its health.
    /// </summary>
    public void Observe(string service, string instance, string key, TimeSpan latency, bool? failed, DateTimeOffset now, AdaptivePolicy policy, int inRotation)
    {
        lock (_lock)
        {
            _observed.GetOrAdd(key, () =>
            {
                var observed = Of(service, instance, policy.Latency.Decay);
                observed.Answered(key, now);
                // A fast failure is not a fast answer: it never makes an instance look quicker than it was.
                observed.Latency.Observe(failed == true ? Math.Max(latency.TotalMilliseconds, observed.Latency.EstimateAt(now)) : latency.TotalMilliseconds, now);
                var peers = PeersOf(observed);
                if (failed is { } outcome && policy.On(AdaptiveTrigger.ErrorRate))
                {
                    observed.Outcomes.Add(outcome, now, policy.ErrorRate.Window, policy.ErrorRate.Calls);
                    foreach (var peer in peers)
                    {
                        peer.Outcomes.Trim(now, policy.ErrorRate.Window);
                    }

                    if (OutlierEjection.Consider(observed, peers, inRotation, policy.ErrorRate, now, orchestrator) is { } ejection)
                    {
                        Eject(observed, ejection);
                    }
                }

                if (policy.On(AdaptiveTrigger.Latency))
                {
                    Avoidance(observed, peers, policy.Latency, now);
                }

                return true;
            });
        }
    }

    /// <summary>Ends the ejections whose time ran out and forgets what is stale; <paramref name="policyOf"/> gives each service's policy now.</summary>
    public void Tick(DateTimeOffset now, Func<string, AdaptivePolicy> policyOf)
    {
        Limits.Tick(now);
        lock (_lock)
        {
            foreach (var instance in _instances.Values.ToList())
            {
                var policy = policyOf(instance.Service);
                instance.ForgetPendingOlderThan(now - PendingFor);
                if (OutlierEjection.Return(instance, policy.ErrorRate, now, orchestrator) is { } returned)
                {
                    _journal.Add(returned);
                    instance.EjectedUntil = null;
                    instance.EjectedAt = null;
                    instance.ReturnedAt = now;
                    instance.Outcomes.Clear();
                    _ejected--;
                }
                else if (instance is { EjectedUntil: null, Ejections: > 0, ReturnedAt: { } back } && now - back >= policy.ErrorRate.MaxEjection)
                {
                    // Well for as long as the longest ejection: its next one starts short again.
                    instance.Ejections = 0;
                }

                if (now - instance.LastSeen >= ForgetAfter && instance.EjectedUntil is null)
                {
                    Forget(instance, now);
                }
            }
        }
    }

    /// <summary>The adaptations that began or ended since the last call, in order, to be appended to their services' streams.</summary>
    public IReadOnlyList<object> TakeJournal()
    {
        lock (_lock)
        {
            var taken = _journal.ToList();
            _journal.Clear();
            taken.AddRange(Limits.TakeJournal());
            return taken;
        }
    }

    /// <summary>Each instance this node has observed, as it stands at <paramref name="now"/>, for status and metrics.</summary>
    public IReadOnlyList<InstanceAdaptation> Snapshot(DateTimeOffset now)
    {
        lock (_lock)
        {
            return [.. _instances.Values.Select(i => new InstanceAdaptation(
                i.Service, i.Queue, i.Latency.EstimateAt(now), i.Latency.AverageMs, i.Pending, i.Outcomes.Calls, i.Outcomes.Failures, i.EjectedUntil, i.AvoidedAbove is not null))];
        }
    }

    // Every instance of the service, not only the one observed: a peer measured as fast is what makes a slow one stand out.
    private void Avoidance(InstanceObservations observed, List<InstanceObservations> peers, LatencyAdaptation policy, DateTimeOffset now)
    {
        foreach (var instance in peers.Prepend(observed))
        {
            var others = PeersOf(instance);
            if (LatencyAvoidance.Consider(instance, others, policy, now, orchestrator) is { } avoided)
            {
                instance.AvoidedAbove = avoided.Threshold;
                instance.AvoidedSince = now;
                instance.AvoidanceChangedAt = now;
                _journal.Add(avoided);
            }
            else if (LatencyAvoidance.Reconsider(instance, others, policy, now, orchestrator) is { } restored)
            {
                instance.AvoidedAbove = null;
                instance.AvoidedSince = null;
                instance.AvoidanceChangedAt = now;
                _journal.Add(restored);
            }
        }
    }

    private void Eject(InstanceObservations observed, AdaptationApplied ejection)
    {
        observed.EjectedUntil = ejection.Until;
        observed.EjectedAt = ejection.AppliedAt;
        observed.Ejections++;
        _ejected++;
        _journal.Add(ejection);
    }

    private void Forget(InstanceObservations instance, DateTimeOffset now)
    {
        if (instance.AvoidedAbove is { } above)
        {
            _journal.Add(new AdaptationReverted
            {
                Service = instance.Service,
                Instance = instance.Queue,
                Trigger = AdaptationWords.Latency,
                Action = AdaptationWords.Avoided,
                Measured = Math.Round(instance.Latency.AverageMs, 1),
                Threshold = above,
                Reason = $"{instance.Queue} was not seen for {Definitions.Building.DurationText.Words(ForgetAfter)}; what was measured of it is forgotten",
                Lasted = now - (instance.AvoidedSince ?? now),
                Orchestrator = orchestrator,
                RevertedAt = now,
            });
        }

        _instances.Remove(instance.Queue);
        _byService[instance.Service].Remove(instance);
    }

    private List<InstanceObservations> PeersOf(InstanceObservations instance) =>
        [.. _byService[instance.Service].Where(i => !ReferenceEquals(i, instance))];

    private InstanceObservations Of(string service, string queue, TimeSpan decay)
    {
        if (!_instances.TryGetValue(queue, out var instance))
        {
            instance = new InstanceObservations(service, queue, decay);
            _instances[queue] = instance;
            if (!_byService.TryGetValue(service, out var ofService))
            {
                ofService = [];
                _byService[service] = ofService;
            }

            ofService.Add(instance);
        }

        return instance;
    }
}

/// <summary>One instance as this orchestrator sees it: its latency (the decayed estimate and the average), steps in flight, recent calls and failures, and its adaptations.</summary>
public sealed record InstanceAdaptation(
    string Service, string Queue, double EstimateMs, double AverageMs, int Pending, int Calls, int Failures, DateTimeOffset? EjectedUntil, bool Avoided);
