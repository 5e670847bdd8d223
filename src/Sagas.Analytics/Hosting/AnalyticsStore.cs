using JasperFx.Events.Projections;
using Marten;
using Sagas.Analytics.Health;
using Sagas.Analytics.Projection;
using Sagas.Analytics.Rebuild;
using Sagas.Analytics.WorkflowList;
using Sagas.Orchestration.Persistence;

namespace Sagas.Analytics.Hosting;

/// <summary>
/// What the analytics add to a Sagas store: their tables, their projection (run by the async
/// daemon of the orchestrators that run projections), the operations stream's events and the
/// rebuild requests.
/// </summary>
public static class AnalyticsStore
{
    public static void Configure(StoreOptions options) => Configure(options, runProjection: true);

    /// <summary>A whole Sagas store as the nodes lay it out, for a reader outside them (the CLI, tests, the bench): the workflows' and the analytics'.</summary>
    public static void ConfigureWithWorkflows(StoreOptions options, string connectionString)
    {
        WorkflowStore.Configure(options, connectionString);
        Configure(options);
    }

    /// <param name="options">The store's options.</param>
    /// <param name="runProjection">False for an orchestrator that leaves the projection to others (<see cref="AnalyticsOptions.RunProjections"/>).</param>
    public static void Configure(StoreOptions options, bool runProjection)
    {
        options.Storage.ExtendedSchemaObjects.AddRange(StatsTables.SchemaObjects());
        options.Storage.ExtendedSchemaObjects.Add(SearchTable.SchemaObject());
        foreach (var type in OperationsStream.EventTypes)
        {
            options.Events.AddEventType(type);
        }

        options.Schema.For<AnalyticsRebuildRequest>().Identity(r => r.Id).UseOptimisticConcurrency(true);
        if (!runProjection)
        {
            return;
        }

        options.Projections.Add(new AnalyticsProjection(), ProjectionLifecycle.Async, AnalyticsProjection.Name, async =>
        {
            // A rebuild starts the tables from nothing: they hold only what the projection wrote.
            async.DeleteDataInTableOnTeardown(StatsTables.Workflows);
            async.DeleteDataInTableOnTeardown(StatsTables.Steps);
            async.DeleteDataInTableOnTeardown(SearchTable.Name);
        });

        // A projection that fails on an event stops there, rather than skip it and count wrong for
        // good: the lag grows, the node says analytics are degraded, and once the cause is fixed the
        // projection goes on from the event it stopped at.
        options.Projections.Errors.SkipApplyErrors = false;
    }
}
