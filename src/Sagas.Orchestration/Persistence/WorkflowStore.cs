using JasperFx;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Schema.Identity;
using Sagas.Orchestration.Adaptation;
using Sagas.Orchestration.Admission;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Nodes;
using Sagas.Orchestration.Outbox;
using Sagas.Orchestration.Status;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Persistence;

/// <summary>How Sagas lays out its PostgreSQL schema in Marten: one place, used by nodes, CLI and tests.</summary>
public static class WorkflowStore
{
    public const string SchemaName = DocumentLayout.SchemaName;

    public static void Configure(StoreOptions options, string connectionString)
    {
        options.Connection(PreparedStatements.Apply(connectionString));
        DocumentLayout.ApplyTo(options);
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        // Appends without first reading the stream's version: the saga document's version check
        // already serializes writers of one workflow (Marten baseline 298 → 344 transactions/s).
        options.Events.AppendMode = JasperFx.Events.EventAppendMode.Quick;

        // The orchestrators run the async projections (their store adds Marten's daemon, hot/cold);
        // any other store (the CLI's, a test's) only reads what they wrote, and says nothing about it.
        options.Projections.AsyncMode = DaemonMode.ExternallyManaged;

        // Lists and searches of workflows (Sagas.Analytics, WorkflowListQuery) read the saga
        // documents through these indexed columns: always current, and no read model to write.
        options.Schema.For<WorkflowState>()
            .Identity(x => x.CorrelationId)
            .IdStrategy(new NoOpIdGeneration())
            .UseOptimisticConcurrency(true)
            .Duplicate(x => x.Definition)
            .Duplicate(x => x.Status)
            .Duplicate(x => x.StartedAt);

        // Durable timers: written with the saga state, claimed by due time (see TimerTable).
        options.Schema.For<DurableTimer>()
            .Identity(x => x.Id)
            .IdStrategy(new NoOpIdGeneration())
            .Duplicate(x => x.DueAt, notNull: true)
            .Duplicate(x => x.WorkflowId);

        // Admission tickets: written with the saga state, counted and admitted per service (see AdmissionTable).
        options.Schema.For<AdmissionTicket>()
            .Identity(x => x.Id)
            .Duplicate(x => x.Service, notNull: true)
            .Duplicate(x => x.QueuedAt, notNull: true)
            .Duplicate(x => x.AdmittedAt);

        // What the cluster knows of its nodes (from their heartbeats), and the streams of their losses.
        options.Schema.For<NodeView>()
            .Identity(x => x.Id)
            .UseOptimisticConcurrency(true);
        options.Events.AddEventType(typeof(NodeLost));
        options.Events.AddEventType(typeof(NodeUnhealthy));
        options.Events.AddEventType(typeof(NodeHealthy));

        // The streams of services, where orchestrators record what they adapted and why.
        options.Events.AddEventType(typeof(AdaptationApplied));
        options.Events.AddEventType(typeof(AdaptationReverted));

        foreach (var type in JournalEvents.All)
        {
            options.Events.AddEventType(type);
        }

        // Folded from the stream when someone asks (sagas status), not written with every step:
        // kept inline, the view cost a load and an upsert in each saga transaction, and without it
        // linear-5 ran 1.14x faster with a quarter less PostgreSQL CPU per step (README, Benchmark).
        options.Projections.Add<WorkflowStatusProjection>(ProjectionLifecycle.Live);
    }
}
