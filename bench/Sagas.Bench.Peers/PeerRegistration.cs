using Marten;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sagas.Bench.Peers.Persistence;
using Sagas.Bench.Peers.Saga;
using Sagas.Bench.Peers.Starting;
using Sagas.Contracts;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;

namespace Sagas.Bench.Peers;

/// <summary>Wires the peer: its Marten store, its saga on its plain repository, the start endpoint, RabbitMQ.</summary>
public static class PeerRegistration
{
    public static IHostApplicationBuilder AddFiveStepPeer(this IHostApplicationBuilder builder)
    {
        var settings = PeerSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddMarten(options => PeerStore.Configure(options, settings.PostgresConnectionString))
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();

        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddConsumer<StartRequestConsumer, StartRequestConsumerDefinition>();
            bus.AddSagaStateMachine<FiveStepSaga, FiveStepState, FiveStepSagaDefinition>()
                .Repository(repository => repository.RegisterSagaRepository<FiveStepState, IDocumentSession,
                    SagaConsumeContextFactory<IDocumentSession, FiveStepState>, MartenSagaRepositoryContextFactory<FiveStepState>>());

            // MassTransit's defaults give durable queues, persistent messages and publisher confirms.
            bus.UsingRabbitMq((context, rabbitmq) =>
            {
                rabbitmq.Host(settings.RabbitHost, settings.RabbitPort, settings.RabbitVirtualHost, host =>
                {
                    host.Username(settings.RabbitUser);
                    host.Password(settings.RabbitPassword);
                    host.ConnectionName("sagas bench peer (masstransit)");
                });
                rabbitmq.PrefetchCount = settings.PrefetchCount;
                rabbitmq.ConcurrentMessageLimit = settings.PrefetchCount;
                // As a Sagas node does: the contracts' shared interfaces get no exchanges of their own.
                rabbitmq.Publish<IWorkflowMessage>(x => x.Exclude = true);
                rabbitmq.Publish<IStepResult>(x => x.Exclude = true);
                rabbitmq.Publish<StepCommand>(x => x.Exclude = true);
                rabbitmq.ConfigureEndpoints(context);
            });
        });

        // "peer running" is printed once the endpoints consume, so no start published then is lost.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromSeconds(60);
        });
        return builder;
    }
}
