using Marten;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sagas.Definitions.Loading;
using Sagas.Definitions.Policies;
using Sagas.Orchestration;
using Sagas.Orchestration.Adaptation;
using Sagas.Orchestration.Admission;
using Sagas.Orchestration.Decisions;
using Sagas.Orchestration.Discovery;
using Sagas.Orchestration.Nodes;
using Sagas.Orchestration.Outbox;
using Sagas.Orchestration.Persistence;
using Sagas.Orchestration.Policies;
using Sagas.Orchestration.Recovery;
using Sagas.Orchestration.Saga;
using Sagas.Orchestration.Signaling;
using Sagas.Orchestration.Starting;
using Sagas.Orchestration.Telemetry;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Hosting;

/// <summary>Wires the orchestrator into a host; hosts and tests call the same methods.</summary>
public static class OrchestrationRegistration
{
    /// <summary>
    /// The orchestrator's services: its options (<c>Sagas:Orchestration</c>, bound, and refused at
    /// start while a setting makes no sense), the definition catalog (validated before anything
    /// starts), the progression rules, the Marten store and the reading of the service registry.
    /// </summary>
    public static IHostApplicationBuilder AddSagasOrchestration(
        this IHostApplicationBuilder builder, DefinitionCatalog catalog, string postgresConnectionString, PolicyFile? policies = null)
    {
        builder.Services.AddOptions<OrchestrationOptions>().BindConfiguration(OrchestrationOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OrchestrationOptions>, OrchestrationOptions.Validation>();

        // Its parts take the options themselves, as the test harness hands them in.
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<OrchestrationOptions>>().Value);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSagasPolicies(policies ?? PolicyFile.Empty);
        builder.Services.AddSingleton<DecisionContext>();
        builder.Services.AddSingleton<WorkflowDeciders>();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<WorkflowMetrics>();
        builder.Services.AddSagasStore(postgresConnectionString);

        // Before the bus, as it sends nothing: the registry is read before the first step is routed.
        builder.Services.AddHostedService<ServiceDirectoryRefresher>();
        return builder;
    }

    /// <summary>The policies in force, and this node's view of each service: its circuit and its balancer.</summary>
    public static IServiceCollection AddSagasPolicies(this IServiceCollection services, PolicyFile policies)
    {
        services.AddSingleton(policies);
        services.AddSingleton<PolicyBook>();
        services.AddSingleton<CircuitBreakers>();
        services.AddSingleton<EndpointBalancers>();
        services.AddSingleton<DiscoveredServices>();
        services.AddSingleton<ServiceAdaptations>();
        services.AddSingleton<IRegistryChanges>(provider => provider.GetRequiredService<DiscoveredServices>());
        services.AddSingleton<IServiceDiscovery, BrokerServiceDiscovery>();
        return services;
    }

    /// <summary>The Marten store, laid out by <see cref="WorkflowStore"/>, its schema applied at start-up.</summary>
    private static IServiceCollection AddSagasStore(this IServiceCollection services, string postgresConnectionString)
    {
        services.AddMarten(options => WorkflowStore.Configure(options, postgresConnectionString))
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();
        services.AddSingleton(new TimerTable(PreparedStatements.Apply(postgresConnectionString)));
        services.AddSingleton<OutboxCleaner>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton(new AdmissionTable(PreparedStatements.Apply(postgresConnectionString)));
        services.AddSingleton<AdmissionSignal>();
        services.AddSingleton(_ => new JobOwnership(postgresConnectionString, "workflow-sweeper"));
        services.AddSingleton<WorkflowLoader>();
        services.AddSingleton<WorkflowCache>();
        services.AddSingleton<WorkflowCommitter>();
        return services;
    }

    /// <summary>
    /// The orchestrator's background jobs: the timer and outbox relay, the outbox cleaner, the
    /// admission relay, the watch for lost nodes, the sweeper and the gauges of what the node holds. They send through the bus, so the
    /// host registers them after it (see <c>NodeHost</c>).
    /// </summary>
    public static IHostApplicationBuilder AddSagasOrchestrationJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<TimerRelay>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<OutboxCleaner>());
        builder.Services.AddHostedService<AdmissionRelay>();
        builder.Services.AddHostedService<NodeWatch>();
        builder.Services.AddHostedService<LoneOrchestratorWatch>();
        builder.Services.AddHostedService<AdaptationJournal>();
        builder.Services.AddHostedService<LimitRelay>();
        builder.Services.AddHostedService<WorkflowSweeper>();
        builder.Services.AddHostedService<OrchestratorGauges>();
        return builder;
    }

    /// <summary>The workflow saga on its Marten repository, and the raw-JSON start and signal endpoints.</summary>
    public static IBusRegistrationConfigurator AddWorkflowOrchestrator(this IBusRegistrationConfigurator bus)
    {
        bus.AddSagaStateMachine<WorkflowStateMachine, WorkflowState>(typeof(WorkflowStateMachineDefinition))
            .Repository(repository =>
            {
                repository.RegisterLoadSagaRepository<WorkflowState, WorkflowRepositoryContextFactory>();
                repository.RegisterQuerySagaRepository<WorkflowState, WorkflowRepositoryContextFactory>();
                repository.RegisterSagaRepository<WorkflowState, IDocumentSession,
                    SagaConsumeContextFactory<IDocumentSession, WorkflowState>, WorkflowRepositoryContextFactory>();
            });
        bus.AddConsumer<StartWorkflowRequestConsumer>(typeof(StartWorkflowRequestConsumerDefinition));
        bus.AddConsumer<WorkflowSignalRequestConsumer>(typeof(WorkflowSignalRequestConsumerDefinition));
        bus.AddConsumer<NodeHeartbeatConsumer>(typeof(NodeHeartbeatConsumerDefinition));
        return bus;
    }
}
