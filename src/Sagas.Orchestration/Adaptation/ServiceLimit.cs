namespace Sagas.Orchestration.Adaptation;

/// <summary>One service's limit on this node: its controller, the attempts in flight, and the queue of those waiting, oldest first.</summary>
internal sealed class ServiceLimit
{
    private readonly LinkedList<QueuedAttempt> _queue = new();
    private readonly Dictionary<string, LinkedListNode<QueuedAttempt>> _queued = new(StringComparer.Ordinal);

    /// <summary>A limit remade for a changed policy keeps what is in flight and waiting.</summary>
    public ServiceLimit(AdaptiveLimit adaptive, ServiceLimit? before)
    {
        Adaptive = adaptive;
        if (before is null)
        {
            return;
        }

        InFlight = before.InFlight;
        foreach (var waiting in before._queue)
        {
            _queued[waiting.Waiter.AttemptKey] = _queue.AddLast(waiting);
        }

        _woken = before._woken;
    }

    public AdaptiveLimit Adaptive { get; }

    /// <summary>Attempts sent and not answered, by attempt key, with when they were sent.</summary>
    public Dictionary<string, DateTimeOffset> InFlight { get; } = new(StringComparer.Ordinal);

    public int Waiting => _queue.Count;

    // Those woken and not yet come: their slots are kept for them.
    private int _woken;

    public LimitAdmission Admit(LimitWaiter waiter, DateTimeOffset now)
    {
        var allowed = Adaptive.Allowed;
        var queued = _queued.GetValueOrDefault(waiter.AttemptKey);
        var mayGo = queued is not null
            ? queued.Value.WokenAt is not null && InFlight.Count < allowed
            : _queue.Count == 0 && InFlight.Count < allowed;
        if (mayGo)
        {
            if (queued is not null)
            {
                _queue.Remove(queued);
                _queued.Remove(waiter.AttemptKey);
                _woken--;
            }

            InFlight[waiter.AttemptKey] = now;
            return new LimitAdmission(true, allowed, InFlight.Count, 0, Adaptive.Limited);
        }

        queued ??= _queued[waiter.AttemptKey] = _queue.AddLast(new QueuedAttempt(waiter));
        var ahead = 0;
        for (var node = queued.Previous; node is not null; node = node.Previous)
        {
            ahead++;
        }

        return new LimitAdmission(false, allowed, InFlight.Count, ahead, Adaptive.Limited);
    }

    /// <summary>Wakes the oldest waiting, as many as there are free slots not kept for others already woken.</summary>
    public IEnumerable<LimitWaiter> WakeWhileFree(DateTimeOffset now)
    {
        var free = Adaptive.Allowed - InFlight.Count - _woken;
        for (var node = _queue.First; node is not null && free > 0; node = node.Next)
        {
            if (node.Value.WokenAt is null)
            {
                node.Value.WokenAt = now;
                _woken++;
                free--;
                yield return node.Value.Waiter;
            }
        }
    }

    /// <summary>Forgets the woken that did not come by <paramref name="cutoff"/>: another node took them, or they will come back by their own timer.</summary>
    public void GiveUpUnclaimed(DateTimeOffset cutoff)
    {
        for (var node = _queue.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.WokenAt is { } woken && woken <= cutoff)
            {
                _queued.Remove(node.Value.Waiter.AttemptKey);
                _queue.Remove(node);
                _woken--;
            }

            node = next;
        }
    }

    private sealed class QueuedAttempt(LimitWaiter waiter)
    {
        public LimitWaiter Waiter => waiter;

        public DateTimeOffset? WokenAt { get; set; }
    }
}
