namespace Sagas.Orchestration.Outbox;

/// <summary>
/// The timers one message's saga work armed and cancelled, and the commands and events it sends
/// (its outbox rows), written with the saga state in its transaction. A fresh one for every
/// attempt at the message, so a retried attempt never carries the timers or sends of one that failed.
/// </summary>
internal sealed class PendingSchedule
{
    private readonly List<DurableTimer> _armed = [];
    private readonly List<OutgoingMessage> _outgoing = [];
    private readonly HashSet<Guid> _cancelled = [];

    /// <summary>Every row to insert: timers and outbox messages.</summary>
    public IReadOnlyList<DurableTimer> Armed => _armed;

    /// <summary>The outbox messages, in the order the saga sent them, to send once the state has committed.</summary>
    public IReadOnlyList<OutgoingMessage> Outgoing => _outgoing;

    public IReadOnlyCollection<Guid> Cancelled => _cancelled;

    public bool IsEmpty => _armed.Count == 0 && _cancelled.Count == 0;

    public void Arm(DurableTimer timer) => _armed.Add(timer);

    public void Enqueue(OutgoingMessage message)
    {
        _armed.Add(message.Row);
        _outgoing.Add(message);
    }

    /// <summary>A timer armed by this same message is simply dropped; an older one is deleted at commit.</summary>
    public void Cancel(Guid tokenId)
    {
        if (_armed.RemoveAll(t => t.Id == tokenId) == 0)
        {
            _cancelled.Add(tokenId);
        }
    }
}
