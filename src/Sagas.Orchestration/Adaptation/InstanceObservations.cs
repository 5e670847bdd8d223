namespace Sagas.Orchestration.Adaptation;

/// <summary>
/// What this orchestrator has seen of one instance: its latency, its recent failures, the steps it
/// sent there and has not seen answered, and the adaptations in force on it.
/// </summary>
internal sealed class InstanceObservations(string service, string queue, TimeSpan decay)
{
    private readonly Dictionary<string, DateTimeOffset> _pending = new(StringComparer.Ordinal);

    public string Service => service;

    public string Queue => queue;

    public PeakEwma Latency { get; } = new(decay);

    public OutcomeWindow Outcomes { get; } = new();

    public DateTimeOffset LastSeen { get; private set; }

    /// <summary>Steps sent there whose result this node has not handled (another node may have).</summary>
    public int Pending => _pending.Count;

    /// <summary>Until when it is out of the rotation for its failures; null while it is in.</summary>
    public DateTimeOffset? EjectedUntil { get; set; }

    /// <summary>When its ejection began.</summary>
    public DateTimeOffset? EjectedAt { get; set; }

    /// <summary>How many times it was ejected lately: each ejection lasts longer than the one before.</summary>
    public int Ejections { get; set; }

    /// <summary>When it last came back from an ejection (its probation starts).</summary>
    public DateTimeOffset? ReturnedAt { get; set; }

    /// <summary>The applied latency adaptation, with the threshold it crossed; null while it is not avoided.</summary>
    public double? AvoidedAbove { get; set; }

    /// <summary>When balancing began to avoid it.</summary>
    public DateTimeOffset? AvoidedSince { get; set; }

    /// <summary>When its avoidance was last applied or reverted: neither changes again within the latency decay.</summary>
    public DateTimeOffset? AvoidanceChangedAt { get; set; }

    public void Sent(string key, DateTimeOffset now)
    {
        _pending.TryAdd(key, now);
        LastSeen = now;
    }

    public void Answered(string key, DateTimeOffset now)
    {
        _pending.Remove(key);
        LastSeen = now;
    }

    /// <summary>Forgets steps sent before <paramref name="cutoff"/>: their results went to another node, or never came.</summary>
    public void ForgetPendingOlderThan(DateTimeOffset cutoff)
    {
        foreach (var stale in _pending.Where(p => p.Value < cutoff).Select(p => p.Key).ToList())
        {
            _pending.Remove(stale);
        }
    }
}
