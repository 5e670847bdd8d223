using Marten;
using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Persistence;

/// <summary>
/// One message's view of the workflow repository. Saving writes the saga document and appends
/// the events the machine recorded to the workflow's stream in one PostgreSQL transaction;
/// a concurrent writer loses on the document's version and its message is retried.
/// </summary>
internal sealed class WorkflowRepositoryContext<TMessage>(
    IDocumentSession session,
    ConsumeContext<TMessage> context,
    ISagaConsumeContextFactory<IDocumentSession, WorkflowState> factory)
    : ConsumeContextScope<TMessage>(context), SagaRepositoryContext<WorkflowState, TMessage>
    where TMessage : class
{
    private readonly ConsumeContext<TMessage> _context = context;

    public Task<SagaConsumeContext<WorkflowState, TMessage>> Add(WorkflowState instance) =>
        factory.CreateSagaConsumeContext(session, _context, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<WorkflowState, TMessage>> Insert(WorkflowState instance)
    {
        session.Insert(instance);
        AppendRecorded(instance, isNew: true);
        await session.SaveChangesAsync(CancellationToken);
        return await factory.CreateSagaConsumeContext(session, _context, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<WorkflowState, TMessage>> Load(Guid correlationId)
    {
        var instance = await session.LoadAsync<WorkflowState>(correlationId, CancellationToken);
        return instance is null
            ? null!
            : await factory.CreateSagaConsumeContext(session, _context, instance, SagaConsumeContextMode.Load);
    }

    /// <summary>A new instance: the document is inserted (a concurrent twin fails on its key) and its stream started.</summary>
    public async Task Save(SagaConsumeContext<WorkflowState> context)
    {
        session.Insert(context.Saga);
        AppendRecorded(context.Saga, isNew: true);
        await session.SaveChangesAsync(CancellationToken);
    }

    public async Task Update(SagaConsumeContext<WorkflowState> context)
    {
        // A message that changed nothing (a duplicate, a late result) writes nothing.
        if (context.Saga.PendingEvents.Count == 0)
        {
            return;
        }

        session.Update(context.Saga);
        AppendRecorded(context.Saga, isNew: false);
        await session.SaveChangesAsync(CancellationToken);
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

    private void AppendRecorded(WorkflowState instance, bool isNew)
    {
        var events = instance.PendingEvents.ToArray();
        if (isNew)
        {
            session.Events.StartStream<WorkflowState>(instance.CorrelationId, events);
        }
        else
        {
            session.Events.Append(instance.CorrelationId, events);
        }

        // Cleared before the commit: if it fails, the message is retried from a fresh load.
        instance.PendingEvents.Clear();
    }
}
