using Marten;
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

        if (filter.StartedBefore is { } before)
        {
            // PostgreSQL keeps whole microseconds: the row a page ended with, stored rounded,
            // must not compare below its own start given back in full.
            var cut = before.AddTicks(-(before.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
            query = query.Where(v => v.StartedAt < cut);
        }

        var states = await query
            .OrderByDescending(v => v.StartedAt)
            .ThenByDescending(v => v.CorrelationId)
            .Take(Math.Clamp(filter.Limit, 1, WorkflowListFilter.MostRows))
            .ToListAsync(cancellationToken);
        return [.. states.Select(WorkflowListItem.Of)];
    }
}
