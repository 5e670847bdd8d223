using MassTransit;
using MassTransit.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Contracts;
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

        // Innermost: a message judged on a cached state to change nothing is judged again at once
        // on the state in PostgreSQL (see WorkflowCache).
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Handle<CachedWorkflowMayBeStale>();
            retry.Immediate(1);
        });

        // As many partitions as the endpoint handles messages at once (Sagas:RabbitMq:PrefetchCount,
        // 32 by default): with 8, linear-5 carried 258 steps/s; with 32, 283 (bench, 2 cores).
        // Every message the machine correlates is partitioned by its workflow, so one added to the
        // machine is partitioned without a line here.
        var partition = endpointConfigurator.CreatePartitioner(PartitionCount);
        var machine = context.GetRequiredService<SagaStateMachine<WorkflowState>>();
        foreach (var messageType in machine.Correlations.Select(c => c.DataType).Distinct())
        {
            // MassTransit's own way to call a generic method for a type known at run time.
            Activation.Activate(messageType, new PartitionByWorkflow(), sagaConfigurator, partition);
        }
    }

    private readonly struct PartitionByWorkflow : IActivationType<bool, ISagaConfigurator<WorkflowState>, IPartitioner>
    {
        public bool ActivateType<T>(ISagaConfigurator<WorkflowState> saga, IPartitioner partition)
            where T : class
        {
            if (!WorkflowMessages.Carries(typeof(T)))
            {
                throw new InvalidOperationException($"the workflow saga takes {typeof(T).Name}, which carries no workflow id to partition it by");
            }

            saga.Message<T>(x => x.UsePartitioner(partition, m => WorkflowMessages.IdOf(m.Message)));
            return true;
        }
    }
}
