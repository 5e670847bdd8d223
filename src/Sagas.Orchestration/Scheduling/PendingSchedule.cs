namespace Sagas.Orchestration.Scheduling;

/// <summary>
/// The timers one message's saga work armed and cancelled, written with the saga state in its
/// transaction. A fresh one for every attempt at the message, so a retried attempt never
/// carries the timers of one that failed.
/// </summary>
internal sealed class PendingSchedule
{
    private readonly List<DurableTimer> _armed = [];
    private readonly HashSet<Guid> _cancelled = [];

    public IReadOnlyList<DurableTimer> Armed => _armed;

    public IReadOnlyCollection<Guid> Cancelled => _cancelled;

    public bool IsEmpty => _armed.Count == 0 && _cancelled.Count == 0;

    public void Arm(DurableTimer timer) => _armed.Add(timer);

    /// <summary>A timer armed by this same message is simply dropped; an older one is deleted at commit.</summary>
    public void Cancel(Guid tokenId)
    {
        if (_armed.RemoveAll(t => t.Id == tokenId) == 0)
        {
            _cancelled.Add(tokenId);
        }
    }
}
