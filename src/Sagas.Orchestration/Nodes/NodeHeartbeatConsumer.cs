using Marten;
using MassTransit;
using Sagas.Contracts.Events;

namespace Sagas.Orchestration.Nodes;

/// <summary>
/// Keeps each node's <see cref="NodeView"/> up to date from its heartbeats; a lost node that
/// announces itself again is live again, and one that says goodbye is stopped. A node that
/// becomes unhealthy, or healthy again, has it recorded in its stream.
/// </summary>
public sealed class NodeHeartbeatConsumer(IDocumentStore store, TimeProvider clock, IRegistryChanges registry) : IConsumer<NodeHeartbeat>
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
        var registryChanged = view.Status != (beat.Stopping ? NodeStatus.Stopped : NodeStatus.Live) || view.Unhealthy != beat.Unhealthy
            || !SameRegistration(view.Instances, beat.Instances);
        view.Instances = [.. beat.Instances];
        view.Interval = beat.Interval;
        view.StartedAt = beat.StartedAt;
        view.LastSentAt = beat.SentAt;
        view.LastSeen = clock.GetUtcNow();
        view.Status = beat.Stopping ? NodeStatus.Stopped : NodeStatus.Live;
        view.LostAt = null;
        RecordHealthChange(session, view, beat);
        session.Store(view);
        await session.SaveChangesAsync(context.CancellationToken);
        if (registryChanged)
        {
            registry.Changed();
        }
    }

    // What routing reads of an instance: which it is, and whether its check passes.
    private static bool SameRegistration(IReadOnlyList<ServiceInstanceReport> known, IReadOnlyList<ServiceInstanceReport> reported) =>
        known.Select(i => (i.Queue, i.Health)).SequenceEqual(reported.Select(i => (i.Queue, i.Health)));

    // The view's optimistic version makes two orchestrators that see the same change record it
    // once. A spell the orchestrators could not hear at the time (the broker or the database was
    // the trouble) arrives with the first heartbeat after it, and both its ends are recorded then.
    private void RecordHealthChange(IDocumentSession session, NodeView view, NodeHeartbeat beat)
    {
        view.Unhealthy = beat.Unhealthy;
        view.Degraded = beat.Degraded;
        if (beat.Escalation is not { } spell)
        {
            return;
        }

        var stream = NodeStreams.IdOf(view.Id);
        if (view.EscalationSince != spell.Since)
        {
            session.Events.Append(stream, new NodeUnhealthy { NodeId = view.Id, Host = view.Host, Reason = spell.Reason, ReportedAt = spell.Since });
            view.EscalationSince = spell.Since;
            view.EscalationEndRecorded = false;
        }

        if (spell.EndedAt is { } ended && !view.EscalationEndRecorded)
        {
            session.Events.Append(stream, new NodeHealthy { NodeId = view.Id, Host = view.Host, WasUnhealthy = spell.Reason, ReportedAt = ended });
            view.EscalationEndRecorded = true;
        }
    }
}

/// <summary>
/// Heartbeats go to one queue that every orchestrator node consumes; a lost race is retried from
/// a fresh load. While the database is away (a restart) a heartbeat is retried for a few seconds
/// and then dropped, not parked: the node's next heartbeat says the same, and newer.
/// </summary>
public sealed class NodeHeartbeatConsumerDefinition : ConsumerDefinition<NodeHeartbeatConsumer>
{
    public const string QueueName = "node-heartbeats";

    public NodeHeartbeatConsumerDefinition() => EndpointName = QueueName;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<NodeHeartbeatConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.DiscardFaultedMessages();
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Handle<Exception>(TransientFailures.IsTransient);
            retry.Intervals(500, 1000, 2000);
        });
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Handle<JasperFx.ConcurrencyException>();
            retry.Intervals(10, 50, 100, 200);
        });
    }
}
