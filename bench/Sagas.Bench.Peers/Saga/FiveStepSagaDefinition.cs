using MassTransit;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;

namespace Sagas.Bench.Peers.Saga;

/// <summary>
/// The saga's endpoint as a competent team would set it: a lost optimistic-concurrency race (or a
/// twin start's insert) is retried from a fresh load; sends wait in MassTransit's in-memory outbox
/// until the saga is saved, so a retried message never sends twice; messages of one workflow are
/// handled one at a time (partitioned by workflow id, as many partitions as the prefetch).
/// </summary>
public sealed class FiveStepSagaDefinition : SagaDefinition<FiveStepState>
{
    private readonly int _partitions;

    public FiveStepSagaDefinition(PeerSettings settings)
    {
        EndpointName = "five-step-saga";
        _partitions = settings.PrefetchCount;
    }

    protected override void ConfigureSaga(
        IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<FiveStepState> sagaConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Handle<JasperFx.ConcurrencyException>();
            retry.Handle<JasperFx.DocumentAlreadyExistsException>();
            retry.Intervals(10, 50, 100, 250, 500);
        });
        endpointConfigurator.UseInMemoryOutbox(context);

        var partition = endpointConfigurator.CreatePartitioner(_partitions);
        sagaConfigurator.Message<StartWorkflow>(x => x.UsePartitioner(partition, m => m.Message.WorkflowId));
        sagaConfigurator.Message<StepCompleted>(x => x.UsePartitioner(partition, m => m.Message.WorkflowId));
        sagaConfigurator.Message<StepFailed>(x => x.UsePartitioner(partition, m => m.Message.WorkflowId));
    }
}
