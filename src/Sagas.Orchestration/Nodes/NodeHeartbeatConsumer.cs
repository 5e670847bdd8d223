using Marten;
using MassTransit;
using Sagas.Contracts.Events;

namespace Sagas.Orchestration.Nodes;

/// <summary>
/// Keeps each node's <see cref="NodeView"/> up to date from its heartbeats; a lost node that
/// announces itself again is live again, and one that says goodbye is stopped.
/// </summary>
public sealed class NodeHeartbeatConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<NodeHeartbeat>
{
    public async Task Consume(ConsumeContext<NodeHeartbeat> context)
    {
        var beat = context.Message;
        await using var session = store.LightweightSession();
        var view = await session.LoadAsync<NodeView>(beat.NodeId, context.CancellationToken) ?? new NodeView { Id = beat.NodeId };
        if (beat.SentAt < view.LastSentAt)
        {
            // An older heartbeat delivered late says nothing new.
            return;
        }

        view.Host = beat.Host;
        view.ProcessId = beat.ProcessId;
        view.Roles = [.. beat.Roles];
        view.Services = [.. beat.Services];
        view.Capacity = beat.Capacity;
        view.Interval = beat.Interval;
        view.StartedAt = beat.StartedAt;
        view.LastSentAt = beat.SentAt;
        view.LastSeen = clock.GetUtcNow();
        view.Status = beat.Stopping ? NodeStatus.Stopped : NodeStatus.Live;
        view.LostAt = null;
        session.Store(view);
        await session.SaveChangesAsync(context.CancellationToken);
    }
}

/// <summary>Heartbeats go to one queue that every orchestrator node consumes; a lost race is retried from a fresh load.</summary>
public sealed class NodeHeartbeatConsumerDefinition : ConsumerDefinition<NodeHeartbeatConsumer>
{
    public const string QueueName = "node-heartbeats";

    public NodeHeartbeatConsumerDefinition() => EndpointName = QueueName;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<NodeHeartbeatConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Handle<JasperFx.ConcurrencyException>();
            retry.Intervals(10, 50, 100, 200);
        });
}
