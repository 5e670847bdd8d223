using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sagas.Contracts;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Orchestration;
using Sagas.Orchestration.Hosting;
using Sagas.Workers;
using Sagas.Workers.Instances;
using Sagas.Workers.Nodes;

namespace Sagas.Cli.Node;

/// <summary>The MassTransit bus on RabbitMQ with the endpoints of a node's roles. Durable messages, publisher confirms.</summary>
public static class SagasBusRegistration
{
    /// <summary>
    /// How long a node's start waits for every receive endpoint to consume. Generous, because a
    /// loaded two-core machine declares dozens of queues slowly; past it, the start fails.
    /// </summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a stop waits for the bus (its consumers finishing): the host's own shutdown window.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

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
                // The interfaces and base records the contracts share are not message types of
                // their own on the broker: no exchange for them, nothing routed through one.
                rabbitmq.Publish<IWorkflowMessage>(x => x.Exclude = true);
                rabbitmq.Publish<IStepResult>(x => x.Exclude = true);
                rabbitmq.Publish<StepCommand>(x => x.Exclude = true);
                rabbitmq.ConfigureEndpoints(context);
                if (context.GetService<HostedInstances>() is { All.Count: > 0 } instances)
                {
                    rabbitmq.ConfigureInstanceEndpoints(context, instances, context.GetRequiredService<NodeOptions>().InstanceHandoff, roles.Queues);
                }
                else
                {
                    rabbitmq.ConfigureStepEndpoints(context, roles.Queues);
                }
            });
        });

        // A node is running when it can receive: without this, the host's start returns while the
        // endpoints are still being declared, 'sagas run' says "running", and a start published
        // then finds no start-workflow exchange (404), or is taken by the start endpoint and
        // republished as StartWorkflow before the saga's queue is bound to it, and lost.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = StartTimeout;
            options.StopTimeout = StopTimeout;
        });
        ReportStartFailures(builder.Services, rabbit);
        return builder;
    }

    // MassTransit's hosted service, in its own place among the hosted services (they stop in
    // reverse order), wrapped so a start that fails or runs out of time is one line naming the broker.
    private static void ReportStartFailures(IServiceCollection services, RabbitMqSettings rabbit)
    {
        var index = services.IndexOf(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(MassTransitHostedService)));
        services[index] = ServiceDescriptor.Singleton<IHostedService>(provider => new StartingBus(
            ActivatorUtilities.CreateInstance<MassTransitHostedService>(provider), provider.GetRequiredService<IOptions<MassTransitHostOptions>>(), rabbit));
    }

    private sealed class StartingBus(MassTransitHostedService bus, IOptions<MassTransitHostOptions> options, RabbitMqSettings rabbit) : IHostedService, IAsyncDisposable
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var started = Stopwatch.StartNew();
            try
            {
                await bus.StartAsync(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // MassTransit retries a faulted endpoint until the timeout, then throws its last fault.
                // Its timer and this stopwatch read different clocks: a fault within a tick of the
                // timeout is the timeout (a loaded CI machine saw it land just short).
                var what = options.Value.StartTimeout is { } timeout && started.Elapsed >= timeout - TimeSpan.FromMilliseconds(100)
                    ? $"did not start within {timeout.TotalSeconds:0.#} s (last error: {OneLine(e)})"
                    : $"failed to start ({OneLine(e)})";
                throw new UserErrorException($"the node's endpoints on RabbitMQ at {rabbit.Describe()} {what}; check the broker with 'scripts/services status'", e);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => bus.StopAsync(cancellationToken);

        public ValueTask DisposeAsync() => bus.DisposeAsync();

        private static string OneLine(Exception e)
        {
            while (e.InnerException is not null)
            {
                e = e.InnerException;
            }

            return e.Message.ReplaceLineEndings(" ");
        }
    }
}
