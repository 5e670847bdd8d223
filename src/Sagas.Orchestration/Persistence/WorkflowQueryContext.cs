using Marten;
using MassTransit;
using MassTransit.Middleware;
using MassTransit.Saga;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Persistence;

/// <summary>Reads workflow instances outside a message (test harnesses, tooling).</summary>
internal sealed class WorkflowQueryContext(IQuerySession session, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<WorkflowState>, QuerySagaRepositoryContext<WorkflowState>
{
    public Task<WorkflowState> Load(Guid correlationId) => session.LoadAsync<WorkflowState>(correlationId, CancellationToken)!;

    public async Task<SagaRepositoryQueryContext<WorkflowState>> Query(ISagaQuery<WorkflowState> query, CancellationToken cancellationToken = default)
    {
        var instances = await session.Query<WorkflowState>().Where(query.FilterExpression).ToListAsync(cancellationToken);
        return new LoadedSagaRepositoryQueryContext<WorkflowState>(this, instances);
    }
}
