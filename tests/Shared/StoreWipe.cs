using Marten;
using Sagas.Analytics.Projection;
using Sagas.Analytics.WorkflowList;
using Sagas.Orchestration.Persistence;

namespace Sagas.Testing;

/// <summary>
/// Empties a Sagas store between tests and bench scenarios: every event stream, every document
/// the store maps (workflow states, timers and outbox rows, admission tickets, node views) and
/// every analytics row.
/// </summary>
/// <remarks>
/// Never the event sequence or the async daemon's progress, as Marten's own wipes do (its
/// DeleteAllDocumentsAsync truncates every mt_ table, mt_event_progression among them): a daemon
/// running in a node meanwhile would then wait for events it has already seen, or stop when it
/// cannot record its progress.
/// </remarks>
internal static class StoreWipe
{
    public static async Task WipeAsync(IDocumentStore store)
    {
        await using (var session = store.LightweightSession())
        {
            foreach (var table in new[] { "mt_events", "mt_streams" })
            {
                session.QueueSqlCommand($"DELETE FROM {WorkflowStore.SchemaName}.{table}");
            }

            foreach (var table in new[] { StatsTables.Workflows, StatsTables.Steps, SearchTable.Name })
            {
                session.QueueSqlCommand($"DELETE FROM {table}");
            }

            await session.SaveChangesAsync();
        }

        await store.Advanced.Clean.DeleteDocumentsExceptAsync(CancellationToken.None);
    }
}
