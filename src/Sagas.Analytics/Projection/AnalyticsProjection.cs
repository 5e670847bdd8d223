using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Sagas.Analytics.Tally;
using Sagas.Analytics.WorkflowList;
using Sagas.Orchestration.Journal;

namespace Sagas.Analytics.Projection;

/// <summary>
/// The definition and step stats and the workflow list's search keys, projected by Marten's async daemon from every workflow's stream.
/// Not a <c>MultiStreamProjection</c> of bucket documents: an event's bucket depends on facts of
/// its workflow from earlier events (the definition, where the attempt went), and a row many
/// workflows add to is better raised in place than read and rewritten (see <see cref="StatsTables"/>).
/// </summary>
public sealed class AnalyticsProjection : IProjection
{
    /// <summary>The projection's name, and its shard's in the daemon's progress (<c>WorkflowAnalytics:All</c>).</summary>
    public const string Name = "WorkflowAnalytics";

    /// <summary>Its one shard, as the daemon names it in its agents and its progress rows.</summary>
    public const string ShardName = Name + ":All";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var facts = await RunFactsLoader.LoadAsync(operations, events, cancellation);
        var tally = new StatsTally(facts);
        foreach (var @event in events)
        {
            tally.Add(@event.StreamId, @event.Data);
            if (@event.Data is WorkflowStarted started)
            {
                SearchTable.Queue(operations, started);
            }
        }

        StatsWriter.Queue(operations, tally);
    }
}
