namespace Sagas.Orchestration.Adaptation;

/// <summary>
/// The adaptations a service's stream says are in force: each applied one that no later record
/// reverted. An ejection whose time ran out is over even unreverted (its orchestrator stopped
/// before its journal ran again), and so is anything recorded by an orchestrator that has said
/// nothing since <see cref="Stale"/>: its observations died with it.
/// </summary>
public static class AdaptationsInForce
{
    public static readonly TimeSpan Stale = TimeSpan.FromHours(1);

    public static IReadOnlyList<AdaptationApplied> From(IEnumerable<object> stream, DateTimeOffset now)
    {
        var open = new Dictionary<(string, string?, string, string), AdaptationApplied>();
        foreach (var record in stream)
        {
            switch (record)
            {
                case AdaptationApplied applied:
                    open[(applied.Orchestrator, applied.Instance, applied.Trigger, applied.Action)] = applied;
                    break;
                case AdaptationReverted reverted:
                    open.Remove((reverted.Orchestrator, reverted.Instance, reverted.Trigger, reverted.Action));
                    break;
            }
        }

        return [.. open.Values
            .Where(a => (a.Until is not { } until || until > now) && now - a.AppliedAt < Stale)
            .OrderBy(a => a.AppliedAt)];
    }
}
