namespace Sagas.Orchestration.Adaptation;

/// <summary>The last calls an instance answered (at most a count, none older than a time), and how many of them failed.</summary>
internal sealed class OutcomeWindow
{
    private readonly Queue<(DateTimeOffset At, bool Failed)> _outcomes = new();

    public int Calls => _outcomes.Count;

    public int Failures { get; private set; }

    public double FailureRatio => Calls == 0 ? 0 : (double)Failures / Calls;

    public void Add(bool failed, DateTimeOffset now, TimeSpan window, int calls)
    {
        _outcomes.Enqueue((now, failed));
        Failures += failed ? 1 : 0;
        while (_outcomes.Count > calls)
        {
            Failures -= _outcomes.Dequeue().Failed ? 1 : 0;
        }

        Trim(now, window);
    }

    /// <summary>Forgets what is older than <paramref name="window"/>.</summary>
    public void Trim(DateTimeOffset now, TimeSpan window)
    {
        while (_outcomes.TryPeek(out var oldest) && oldest.At <= now - window)
        {
            _outcomes.Dequeue();
            Failures -= oldest.Failed ? 1 : 0;
        }
    }

    public void Clear()
    {
        _outcomes.Clear();
        Failures = 0;
    }
}
