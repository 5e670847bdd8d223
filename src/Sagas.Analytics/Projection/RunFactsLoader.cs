using JasperFx.Events;
using Marten;
using Marten.Events;
using Marten.Linq;
using Sagas.Analytics.Tally;

namespace Sagas.Analytics.Projection;

/// <summary>
/// Reads, for the workflows a batch continues, the earlier events that place their later ones (the
/// start, the dispatches): one query per batch, by stream, of three event types only.
/// </summary>
internal static class RunFactsLoader
{
    private static readonly Type[] FactEvents = [.. StatsTally.FactEvents];

    public static async Task<Dictionary<Guid, RunFacts>> LoadAsync(IQuerySession session, IReadOnlyList<IEvent> batch, CancellationToken cancellationToken)
    {
        var facts = new Dictionary<Guid, RunFacts>();
        if (batch.Count == 0)
        {
            return facts;
        }

        // A stream whose start is in this batch needs nothing read: its facts build as the batch folds.
        var begunHere = batch.Where(e => e.Data is Orchestration.Journal.WorkflowStarted).Select(e => e.StreamId).ToHashSet();
        var continued = batch.Select(e => e.StreamId).Where(id => !begunHere.Contains(id)).Distinct().ToArray();
        if (continued.Length == 0)
        {
            return facts;
        }

        var first = batch.Min(e => e.Sequence);
        var earlier = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(continued) && e.Sequence < first)
            .Where(e => e.EventTypesAre(FactEvents))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);

        // Folded by a tally of their own, whose counts are dropped: the same code places them.
        var warmUp = new StatsTally(facts);
        foreach (var @event in earlier)
        {
            warmUp.Add(@event.StreamId, @event.Data);
        }

        return facts;
    }
}
