using Marten;
using MassTransit;
using MassTransit.Saga;

namespace Sagas.Bench.Peers.Persistence;

/// <summary>
/// A plain saga repository on Marten (MassTransit.Marten is not used): each message gets a
/// session of its own, loads its instance by id and saves it in one transaction of its own.
/// No batching of loads or writes across messages, no event stream, no outbox table.
/// </summary>
public sealed class MartenSagaRepositoryContextFactory<TSaga>(IDocumentStore store, ISagaConsumeContextFactory<IDocumentSession, TSaga> factory)
    : ISagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISaga
{
    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class
    {
        await using var session = store.LightweightSession();
        await next.Send(new MartenSagaRepositoryContext<TSaga, T>(session, context, factory));
    }

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        await using var session = store.LightweightSession();
        var instances = await session.Query<TSaga>().Where(query.FilterExpression).ToListAsync(context.CancellationToken);
        await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(new MartenSagaRepositoryContext<TSaga, T>(session, context, factory), instances));
    }

    public void Probe(ProbeContext context) => context.Add("persistence", "marten (plain)");
}
