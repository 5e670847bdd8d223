using Marten;
using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Sagas.Orchestration.Outbox;
using Sagas.Orchestration.Telemetry;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Persistence;

/// <summary>
/// One message's view of the workflow repository. It takes the workflow from the node's
/// <see cref="WorkflowCache"/> or loads it through its <see cref="WorkflowLoader"/>, and saving
/// hands the saga document and the events the machine recorded to the
/// <see cref="WorkflowCommitter"/>, which commits them in one PostgreSQL
/// transaction (shared with other workflows' writes), with the timers the message armed or
/// cancelled through MassTransit's scheduler and the commands and events it sent through the
/// <see cref="WorkflowOutbox"/> (<see cref="PendingSchedule"/>). A concurrent writer loses on the
/// document's version and its message is retried. Only after the commit are the sends dispatched.
/// </summary>
internal sealed class WorkflowRepositoryContext<TMessage>(
    IDocumentSession session,
    WorkflowLoader loader,
    WorkflowCache cache,
    WorkflowCommitter committer,
    WorkflowMetrics metrics,
    PendingSchedule schedule,
    OutboxDispatcher? dispatcher,
    ConsumeContext<TMessage> context,
    ISagaConsumeContextFactory<IDocumentSession, WorkflowState> factory)
    : ConsumeContextScope<TMessage>(context), SagaRepositoryContext<WorkflowState, TMessage>
    where TMessage : class
{
    private readonly ConsumeContext<TMessage> _context = context;

    // When this node took the message: where its span begins.
    private readonly DateTimeOffset _began = DateTimeOffset.UtcNow;
    private LoadedWorkflow? _loaded;

    public Task<SagaConsumeContext<WorkflowState, TMessage>> Add(WorkflowState instance) =>
        factory.CreateSagaConsumeContext(session, _context, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<WorkflowState, TMessage>> Insert(WorkflowState instance)
    {
        // Not kept: the machine goes on changing this instance after the insert.
        await CommitAsync(WorkflowWrite.ForNew(instance, schedule), keep: false);
        return await factory.CreateSagaConsumeContext(session, _context, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<WorkflowState, TMessage>> Load(Guid correlationId)
    {
        _loaded = cache.TryTake(correlationId) ?? await loader.LoadAsync(correlationId);
        return _loaded is null
            ? null!
            : await factory.CreateSagaConsumeContext(session, _context, _loaded.State, SagaConsumeContextMode.Load);
    }

    /// <summary>A new instance: the document is inserted (a concurrent twin fails on its key) and its stream started.</summary>
    public Task Save(SagaConsumeContext<WorkflowState> context) =>
        CommitAsync(WorkflowWrite.ForNew(context.Saga, schedule), keep: true);

    public async Task Update(SagaConsumeContext<WorkflowState> context)
    {
        // The version this message loaded; the commit fails if another writer has moved it since.
        var loaded = _loaded is not null && ReferenceEquals(_loaded.State, context.Saga)
            ? _loaded
            : throw new InvalidOperationException($"workflow {context.Saga.CorrelationId} was not loaded by this message");

        // A message that changed nothing (a duplicate, a late result) writes nothing, once the
        // state it was judged on is known to be PostgreSQL's: another orchestrator may have moved
        // a cached one on.
        if (context.Saga.PendingEvents.Count == 0 && schedule.IsEmpty)
        {
            if (loaded.FromCache)
            {
                throw new CachedWorkflowMayBeStale(loaded.State.CorrelationId);
            }

            return;
        }

        await CommitAsync(WorkflowWrite.ForExisting(context.Saga, loaded.Version, schedule), keep: true);
    }

    // Sends and measures follow the commit, never precede it: a write that fails (a concurrent
    // writer, the database away) sends and counts nothing, and its message is retried from a fresh load.
    private async Task CommitAsync(WorkflowWrite write, bool keep)
    {
        var version = await committer.CommitAsync(write);
        metrics.Record(write.State, write.Events);
        WorkflowTracing.Record(write.State, write.Events, _context.Message, _began);
        if (dispatcher is not null && schedule.Outgoing.Count > 0)
        {
            await dispatcher.DispatchAsync(_context, schedule.Outgoing);
        }

        // Last: from here the next message of this workflow may take the instance.
        if (keep)
        {
            cache.Keep(write.State, version);
        }
    }

    public async Task Delete(SagaConsumeContext<WorkflowState> context)
    {
        session.Delete(context.Saga);
        await session.SaveChangesAsync(CancellationToken);
    }

    public Task Discard(SagaConsumeContext<WorkflowState> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<WorkflowState> context)
    {
        session.Eject(context.Saga);
        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<WorkflowState, T>> CreateSagaConsumeContext<T>(
        ConsumeContext<T> consumeContext, WorkflowState instance, SagaConsumeContextMode mode)
        where T : class =>
        factory.CreateSagaConsumeContext(session, consumeContext, instance, mode);
}
