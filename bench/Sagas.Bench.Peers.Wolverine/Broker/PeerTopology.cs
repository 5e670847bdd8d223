using Sagas.Bench.Peers.Starting;
using Sagas.Contracts;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Wolverine;
using Wolverine.RabbitMQ;

namespace Sagas.Bench.Peers.Wolverine.Broker;

/// <summary>
/// Where the peer listens and sends on RabbitMQ, on the names the MassTransit peer and the Sagas
/// worker use. Every endpoint that talks to the worker or the bench's listener speaks
/// MassTransit's envelope (Wolverine's interop); the client's start is plain JSON.
/// </summary>
public static class PeerTopology
{
    /// <summary>The peer's own queues (the bench drops them before a run; the other names are shared).</summary>
    public const string StepCompletedQueue = "wolverine-five-step.step-completed";
    public const string StepFailedQueue = "wolverine-five-step.step-failed";

    // The worker's queue: MassTransit's "queue:noop" is the exchange of that name, bound to it.
    private const string NoopExchange = "noop";

    public static void Configure(WolverineOptions options, PeerSettings settings)
    {
        // A MassTransit envelope names its type inside the body, where Wolverine does not look for
        // it: each queue carries one message type, so a result type gets a queue of its own.
        options.ListenToRabbitQueue(BrokerNames.StartWorkflow, queue => queue.BindExchange(BrokerNames.StartWorkflow))
            .DefaultIncomingMessage<StartRequest>()
            .PreFetchCount((ushort)settings.PrefetchCount)
            .MaximumParallelMessages(settings.PrefetchCount);
        ListenToResults<StepCompleted>(options, StepCompletedQueue, settings);
        ListenToResults<StepFailed>(options, StepFailedQueue, settings);

        options.PublishMessage<ExecuteStep>().ToRabbitExchange(NoopExchange).UseMassTransitInterop();
        options.PublishMessage<WorkflowCompleted>().ToRabbitExchange(MassTransitNames.ExchangeOf<WorkflowCompleted>()).UseMassTransitInterop();
        options.PublishMessage<WorkflowFailed>().ToRabbitExchange(MassTransitNames.ExchangeOf<WorkflowFailed>()).UseMassTransitInterop();
    }

    private static void ListenToResults<T>(WolverineOptions options, string queueName, PeerSettings settings) =>
        options.ListenToRabbitQueue(queueName, queue => queue.BindExchange(MassTransitNames.ExchangeOf<T>()))
            .UseMassTransitInterop()
            .DefaultIncomingMessage<T>()
            .PreFetchCount((ushort)settings.PrefetchCount)
            .MaximumParallelMessages(settings.PrefetchCount);
}
