using Marten;
using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using MassTransit.Scheduling;
using Sagas.Orchestration.Outbox;
using Sagas.Orchestration.Telemetry;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Persistence;

/// <summary>
/// The workflow saga repository on Marten (MassTransit.Marten is not used; this is ours).
/// Loads and writes go through the node's <see cref="WorkflowCache"/>, <see cref="WorkflowLoader"/>
/// and <see cref="WorkflowCommitter"/>, which spare or batch concurrent messages' round trips;
/// correlation is always by id, so queries are rare.
/// </summary>
internal sealed class WorkflowRepositoryContextFactory(
    IDocumentStore store,
    WorkflowLoader loader,
    WorkflowCache cache,
    WorkflowCommitter committer,
    OutboxDispatcher dispatcher,
    OrchestrationOptions options,
    TimeProvider clock,
    WorkflowMetrics metrics,
    ISagaConsumeContextFactory<IDocumentSession, WorkflowState> factory)
    : ISagaRepositoryContextFactory<WorkflowState>,
      ILoadSagaRepositoryContextFactory<WorkflowState>,
      IQuerySagaRepositoryContextFactory<WorkflowState>
{
    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<WorkflowState, T>> next)
        where T : class
    {
        await using var session = store.LightweightSession();
        var schedule = UseDurableScheduler(context);
        var repositoryContext = new WorkflowRepositoryContext<T>(session, loader, cache, committer, metrics, schedule, Dispatcher, context, factory);
        await next.Send(repositoryContext);
    }

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<WorkflowState> query, IPipe<SagaRepositoryQueryContext<WorkflowState, T>> next)
        where T : class
    {
        await using var session = store.LightweightSession();
        var schedule = UseDurableScheduler(context);
        var repositoryContext = new WorkflowRepositoryContext<T>(session, loader, cache, committer, metrics, schedule, Dispatcher, context, factory);
        var instances = await session.Query<WorkflowState>().Where(query.FilterExpression).ToListAsync(context.CancellationToken);
        await next.Send(new LoadedSagaRepositoryQueryContext<WorkflowState, T>(repositoryContext, instances));
    }

    public async Task<T> Execute<T>(Func<LoadSagaRepositoryContext<WorkflowState>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        await using var session = store.QuerySession();
        return await asyncMethod(new WorkflowQueryContext(session, cancellationToken));
    }

    public async Task<T> Execute<T>(Func<QuerySagaRepositoryContext<WorkflowState>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        await using var session = store.QuerySession();
        return await asyncMethod(new WorkflowQueryContext(session, cancellationToken));
    }

    private OutboxDispatcher? Dispatcher => options.DispatchOutboxAfterCommit ? dispatcher : null;

    /// <summary>
    /// Gives this attempt at the message a scheduler whose timers, and an outbox whose sends,
    /// commit with the saga state, replacing any other (a fresh one per attempt, so a retry never
    /// inherits a failed attempt's timers or sends).
    /// </summary>
    private PendingSchedule UseDurableScheduler(ConsumeContext context)
    {
        var schedule = new PendingSchedule();
        var topology = context.GetPayload<IBusTopology>();
        MessageSchedulerContext Create() => new ConsumeMessageSchedulerContext(
            context, _ => new MessageScheduler(new DurableScheduleMessageProvider(schedule, clock), topology));
        context.AddOrUpdatePayload(Create, _ => Create());
        IWorkflowOutbox outbox = new WorkflowOutbox(schedule, clock, options.OutboxLease);
        context.AddOrUpdatePayload(() => outbox, _ => outbox);
        return schedule;
    }

    public void Probe(ProbeContext context) => context.Add("persistence", "marten");
}
