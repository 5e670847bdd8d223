using Marten;
using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;

namespace Sagas.Bench.Peers.Persistence;

/// <summary>
/// One message's view of the repository. A new instance is inserted (a twin start fails on the
/// key); a loaded one is updated against the version this session read, so a concurrent writer's
/// change fails the save with a concurrency error, and the endpoint retries the message.
/// </summary>
public sealed class MartenSagaRepositoryContext<TSaga, TMessage>(
    IDocumentSession session,
    ConsumeContext<TMessage> context,
    ISagaConsumeContextFactory<IDocumentSession, TSaga> factory)
    : ConsumeContextScope<TMessage>(context), SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, ISaga
    where TMessage : class
{
    private readonly ConsumeContext<TMessage> _context = context;

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        factory.CreateSagaConsumeContext(session, _context, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        session.Insert(instance);
        await session.SaveChangesAsync(CancellationToken);
        return await factory.CreateSagaConsumeContext(session, _context, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await session.LoadAsync<TSaga>(correlationId, CancellationToken);
        return instance is null
            ? null!
            : await factory.CreateSagaConsumeContext(session, _context, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TSaga> context)
    {
        session.Insert(context.Saga);
        return session.SaveChangesAsync(CancellationToken);
    }

    // The lightweight session recorded the version it loaded; Update writes only if it is still current.
    public Task Update(SagaConsumeContext<TSaga> context)
    {
        session.Update(context.Saga);
        return session.SaveChangesAsync(CancellationToken);
    }

    public Task Delete(SagaConsumeContext<TSaga> context)
    {
        session.Delete(context.Saga);
        return session.SaveChangesAsync(CancellationToken);
    }

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        session.Eject(context.Saga);
        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        factory.CreateSagaConsumeContext(session, consumeContext, instance, mode);
}
