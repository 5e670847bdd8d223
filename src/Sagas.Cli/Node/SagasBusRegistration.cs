using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sagas.Cli.Settings;
using Sagas.Orchestration;
using Sagas.Workers;

namespace Sagas.Cli.Node;

/// <summary>The MassTransit bus on RabbitMQ with the endpoints of a node's roles. Durable messages, publisher confirms.</summary>
public static class SagasBusRegistration
{
    public static IHostApplicationBuilder AddSagasBus(this IHostApplicationBuilder builder, RabbitMqSettings rabbit, NodeRoles roles)
    {
        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            if (roles.Orchestrator)
            {
                bus.AddWorkflowOrchestrator();
            }

            if (roles.Services.Count > 0)
            {
                bus.AddStepWorkers();
            }

            bus.UsingRabbitMq((context, rabbitmq) =>
            {
                rabbitmq.Host(rabbit.Host, (ushort)rabbit.Port, rabbit.VirtualHost, host =>
                {
                    host.Username(rabbit.Username);
                    host.Password(rabbit.Password);
                    host.ConnectionName($"sagas node ({roles})");
                });
                rabbitmq.PrefetchCount = rabbit.PrefetchCount;
                rabbitmq.ConcurrentMessageLimit = rabbit.PrefetchCount;
                rabbitmq.ConfigureEndpoints(context);
                rabbitmq.ConfigureStepEndpoints(context, roles.Queues);
            });
        });
        return builder;
    }
}
