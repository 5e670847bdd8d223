using MassTransit;
using Sagas.Contracts;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Persistence;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Saga;

/// <summary>
/// The orchestrator's endpoint: messages of one workflow (every type the saga consumes) are
/// handled one at a time within a node (partitioned by workflow id), lost optimistic-concurrency races between nodes are
/// retried from a fresh load, and transient database failures are waited out. Commands and events
/// are not sent from here: the saga writes them to its outbox in its own transaction
/// (<see cref="Outbox.WorkflowOutbox"/>), so MassTransit's in-memory outbox is not needed.
/// </summary>
public sealed class WorkflowStateMachineDefinition : SagaDefinition<WorkflowState>
{
    public const string QueueName = BrokerNames.Orchestrator;

    private const int PartitionCount = 32;

    public WorkflowStateMachineDefinition() => EndpointName = QueueName;

    protected override void ConfigureSaga(
        IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<WorkflowState> sagaConfigurator, IRegistrationContext context)
    {
        // Outermost: the database away for a while (a restart, a failover) is waited out, twelve
        // tries over about two and a half minutes, rather than parking the message in the error queue.
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Handle<Exception>(TransientFailures.IsTransient);
            retry.Exponential(12, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(500));
        });
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Handle<JasperFx.ConcurrencyException>();
            retry.Handle<JasperFx.DocumentAlreadyExistsException>();
            retry.Intervals(10, 25, 50, 100, 200, 400, 800, 1600);
        });

        // As many partitions as the endpoint handles messages at once (Sagas:RabbitMq:PrefetchCount,
        // 32 by default): with 8, linear-5 carried 258 steps/s; with 32, 283 (bench, 2 cores).
        var partition = endpointConfigurator.CreatePartitioner(PartitionCount);
        sagaConfigurator.Message<StartWorkflow>(x => x.UsePartitioner(partition, m => m.Message.WorkflowId));
        sagaConfigurator.Message<StepCompleted>(x => x.UsePartitioner(partition, m => m.Message.WorkflowId));
        sagaConfigurator.Message<StepFailed>(x => x.UsePartitioner(partition, m => m.Message.WorkflowId));
        sagaConfigurator.Message<Fault<ExecuteStep>>(x => x.UsePartitioner(partition, m => m.Message.Message.WorkflowId));
        sagaConfigurator.Message<RetryStep>(x => x.UsePartitioner(partition, m => m.Message.WorkflowId));
        sagaConfigurator.Message<AdmitStep>(x => x.UsePartitioner(partition, m => m.Message.WorkflowId));
        sagaConfigurator.Message<StepTimeoutElapsed>(x => x.UsePartitioner(partition, m => m.Message.WorkflowId));
        sagaConfigurator.Message<WorkflowDeadlineElapsed>(x => x.UsePartitioner(partition, m => m.Message.WorkflowId));
        sagaConfigurator.Message<StepCompensated>(x => x.UsePartitioner(partition, m => m.Message.WorkflowId));
        sagaConfigurator.Message<StepCompensationFailed>(x => x.UsePartitioner(partition, m => m.Message.WorkflowId));
        sagaConfigurator.Message<Fault<CompensateStep>>(x => x.UsePartitioner(partition, m => m.Message.Message.WorkflowId));
        sagaConfigurator.Message<CancelWorkflow>(x => x.UsePartitioner(partition, m => m.Message.WorkflowId));
        sagaConfigurator.Message<RetryWorkflow>(x => x.UsePartitioner(partition, m => m.Message.WorkflowId));
        sagaConfigurator.Message<RecoverWorkflow>(x => x.UsePartitioner(partition, m => m.Message.WorkflowId));
    }
}
