using Marten;
using Marten.Linq.MatchesSql;
using Sagas.Orchestration.Persistence;
using Sagas.Orchestration.Workflows;

namespace Sagas.Analytics.WorkflowList;

/// <summary>
/// Lists workflows newest first from their saga documents, through the indexes on definition,
/// status and start (see <c>WorkflowStore</c>): always current, at the price of three indexed
/// columns in each saga write rather than a read model of its own.
/// </summary>
public static class WorkflowListQuery
{
    public static async Task<IReadOnlyList<WorkflowListItem>> ListAsync(IQuerySession session, WorkflowListFilter filter, CancellationToken cancellationToken)
    {
        var query = session.Query<WorkflowState>().AsQueryable();
        if (filter.Status is { } status)
        {
            query = query.Where(v => v.Status == status);
        }

        if (filter.Definition is { } definition)
        {
            query = query.Where(v => v.Definition == definition);
        }

        if (filter.StartedSince is { } since)
        {
            query = query.Where(v => v.StartedAt >= since);
        }

        foreach (var (field, value) in filter.Where)
        {
            query = query.Where(v => v.MatchesSql(SearchTable.Condition, field, value));
        }

        if (filter.After is { } after)
        {
            // The order below, as PostgreSQL compares it: start, then id, both descending.
            query = query.Where(v => v.MatchesSql(
                $"(d.started_at, d.id) < (select p.started_at, p.id from {WorkflowStore.SchemaName}.mt_doc_workflowstate p where p.id = ?)", after));
        }

        var states = await query
            .OrderByDescending(v => v.StartedAt)
            .ThenByDescending(v => v.CorrelationId)
            .Take(Math.Clamp(filter.Limit, 1, WorkflowListFilter.MostRows))
            .ToListAsync(cancellationToken);
        return [.. states.Select(WorkflowListItem.Of)];
    }
}
