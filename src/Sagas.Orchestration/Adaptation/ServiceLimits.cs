using System.Threading.Channels;
using Sagas.Definitions.Policies;
using Sagas.Orchestration.Policies;

namespace Sagas.Orchestration.Adaptation;

/// <summary>
/// The adaptive concurrency limits of this orchestrator (<see cref="AdaptiveLimit"/>), one per
/// service with <c>load</c> on, and the steps waiting under them, in order. A step over the limit
/// waits; when one in flight is answered, the longest waiting is woken
/// (<see cref="Wakeups"/>, sent by <see cref="LimitRelay"/>) and its slot is kept for it. A
/// newcomer never overtakes a waiting step.
/// </summary>
/// <remarks>
/// Per orchestrator, not cluster-wide: the limit counts what this node sent and saw answered, so
/// no shared row is on any step's path. A result handled by another node frees its slot here after
/// <see cref="InFlightFor"/>, and a woken step another node took is given up after <see cref="ClaimWithin"/>.
/// </remarks>
public sealed class ServiceLimits(string orchestrator)
{
    public static readonly TimeSpan InFlightFor = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan ClaimWithin = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, ServiceLimit> _byService = new(StringComparer.Ordinal);
    private readonly RecentDecisions<LimitAdmission> _admissions = new();
    private readonly RecentDecisions<bool> _releases = new();
    private readonly Channel<LimitWaiter> _wakeups = Channel.CreateUnbounded<LimitWaiter>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<object> _journal = [];
    private readonly Lock _lock = new();

    /// <summary>Steps whose turn came, to be told so.</summary>
    public ChannelReader<LimitWaiter> Wakeups => _wakeups.Reader;

    /// <summary>May the attempt go now? Asked again under the same <paramref name="key"/> (a retried message), the answer is the same.</summary>
    public LimitAdmission Admit(string service, LimitWaiter waiter, string key, DateTimeOffset now, LoadAdaptation policy)
    {
        lock (_lock)
        {
            return _admissions.GetOrAdd(key, () =>
            {
                var limit = For(service, policy);
                var admission = limit.Admit(waiter, now);
                Pump(limit, now);
                return admission;
            });
        }
    }

    /// <summary>The attempt was answered after <paramref name="latency"/> (counted once per <paramref name="attemptKey"/>): its slot is free, and the limit moves on it.</summary>
    public void Release(string service, string attemptKey, TimeSpan latency, DateTimeOffset now, LoadAdaptation policy)
    {
        lock (_lock)
        {
            _releases.GetOrAdd(attemptKey, () =>
            {
                var limit = For(service, policy);
                limit.InFlight.Remove(attemptKey);
                if (limit.Adaptive.Observe(latency.TotalMilliseconds, limit.InFlight.Count, now, orchestrator) is { } change)
                {
                    _journal.Add(change);
                }

                Pump(limit, now);
                return true;
            });
        }
    }

    /// <summary>An admitted attempt that did not leave after all: its slot goes to the next, and the limit learns nothing.</summary>
    public void GiveBack(string service, string attemptKey, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_byService.TryGetValue(service, out var limit) && limit.InFlight.Remove(attemptKey))
            {
                Pump(limit, now);
            }
        }
    }

    /// <summary>Frees slots whose answer never reached this node, gives up wakes nobody claimed, and wakes whoever's turn it is.</summary>
    public void Tick(DateTimeOffset now)
    {
        lock (_lock)
        {
            foreach (var limit in _byService.Values)
            {
                foreach (var stale in limit.InFlight.Where(p => now - p.Value >= InFlightFor).Select(p => p.Key).ToList())
                {
                    limit.InFlight.Remove(stale);
                }

                limit.GiveUpUnclaimed(now - ClaimWithin);
                Pump(limit, now);
            }
        }
    }

    /// <summary>
    /// Why <paramref name="service"/> is degraded, or null while it is not: its limit is lowered
    /// and full (as many in flight as it allows, or steps waiting). A limit lowered a little by
    /// noise, with room to spare, takes nothing from anyone, so it skips no optional step and
    /// moves no step to an alternate.
    /// </summary>
    public string? DegradedBecause(string service)
    {
        lock (_lock)
        {
            return _byService.TryGetValue(service, out var limit) && limit.Adaptive.Limited && (limit.Waiting > 0 || limit.InFlight.Count >= limit.Adaptive.Allowed)
                ? $"load: {limit.Adaptive.Why}; it is full: {limit.InFlight.Count} in flight, {limit.Waiting} waiting"
                : null;
        }
    }

    /// <summary>Each limited service as it stands: its limit, in flight and waiting.</summary>
    public IReadOnlyList<(string Service, int Allowed, int InFlight, int Waiting, bool Limited)> Snapshot()
    {
        lock (_lock)
        {
            return [.. _byService.Select(p => (p.Key, p.Value.Adaptive.Allowed, p.Value.InFlight.Count, p.Value.Waiting, p.Value.Adaptive.Limited))];
        }
    }

    internal IReadOnlyList<object> TakeJournal()
    {
        lock (_lock)
        {
            var taken = _journal.ToList();
            _journal.Clear();
            return taken;
        }
    }

    private void Pump(ServiceLimit limit, DateTimeOffset now)
    {
        foreach (var woken in limit.WakeWhileFree(now))
        {
            _wakeups.Writer.TryWrite(woken);
        }
    }

    private ServiceLimit For(string service, LoadAdaptation policy)
    {
        if (!_byService.TryGetValue(service, out var limit) || limit.Adaptive.Policy != policy)
        {
            limit = new ServiceLimit(new AdaptiveLimit(service, policy), limit);
            _byService[service] = limit;
        }

        return limit;
    }
}

/// <summary>A step attempt waiting under a service's adaptive limit, as its wake-up names it.</summary>
public sealed record LimitWaiter(Guid WorkflowId, string StepId, int Attempt, string AttemptKey);

/// <summary>Whether an attempt may go, the limit and load it met, and how many wait before it when it may not.</summary>
public sealed record LimitAdmission(bool Admitted, int Allowed, int InFlight, int Ahead, bool Limited);
