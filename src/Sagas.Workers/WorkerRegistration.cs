using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sagas.Contracts.Commands;
using Sagas.Workers.Instances;
using Sagas.Workers.Nodes;
using Sagas.Workers.Resilience;

namespace Sagas.Workers;

/// <summary>Wires worker services into a host; hosts and tests call the same methods.</summary>
public static class WorkerRegistration
{
    /// <summary>Registers a step handler, so a worker node can host its service.</summary>
    public static IServiceCollection AddStepHandler<THandler>(this IServiceCollection services)
        where THandler : class, IStepHandler
    {
        services.AddSingleton<IStepHandler, THandler>();
        return services;
    }

    /// <summary>
    /// The worker runtime: what runs handlers, and the pipelines for their calls to the outside
    /// with <c>Sagas:Workers:Resilience</c> bound, and refused at start while a setting makes no sense.
    /// </summary>
    public static IHostApplicationBuilder AddSagasWorkers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutsideCallOptions>()
            .Configure<IConfiguration>((options, configuration) => options.Bind(configuration))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OutsideCallOptions>, OutsideCallOptions.Validation>();
        AddHandlerRuntime(builder.Services);
        return builder;
    }

    /// <summary>
    /// This node's service instances (<see cref="ServiceInstance.For"/>), registered in its
    /// heartbeats with their health and last minute; their queues are made by <see cref="ConfigureInstanceEndpoints"/>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceInstances(this IHostApplicationBuilder builder, IReadOnlyList<ServiceInstance> instances)
    {
        builder.Services.AddSingleton(new HostedInstances(instances));
        builder.Services.AddSingleton<InstanceRegistration>();
        builder.Services.AddSingleton<IInstanceRegistration>(provider => provider.GetRequiredService<InstanceRegistration>());
        builder.Services.AddSingleton<IDegradedPart>(provider => provider.GetRequiredService<InstanceRegistration>());
        return builder;
    }

    /// <summary>
    /// The step and compensation consumers; their endpoints (one queue per hosted service) are made by
    /// <see cref="ConfigureStepEndpoints"/>. Outside calls get the default pipelines unless
    /// <see cref="AddSagasWorkers"/> bound settings.
    /// </summary>
    public static IBusRegistrationConfigurator AddStepWorkers(this IBusRegistrationConfigurator bus)
    {
        AddHandlerRuntime(bus);
        bus.AddConsumer<StepCommandConsumer<ExecuteStep>>().ExcludeFromConfigureEndpoints();
        bus.AddConsumer<StepCommandConsumer<CompensateStep>>().ExcludeFromConfigureEndpoints();
        return bus;
    }

    /// <summary>One receive endpoint per service, named after it, consuming only commands sent to it.</summary>
    public static void ConfigureStepEndpoints(this IBusFactoryConfigurator configurator, IBusRegistrationContext context, IEnumerable<string> services)
    {
        foreach (var service in services.Distinct())
        {
            configurator.ReceiveEndpoint(service, endpoint => ConfigureStepConsumers(endpoint, context));
        }
    }

    /// <summary>
    /// The queues of this node's service instances: each instance's own, its endpoint's and its
    /// service's shared queue, and any further <paramref name="queues"/> (endpoints the policies name).
    /// </summary>
    /// <remarks>
    /// A step waits in an instance's own queue for at most <paramref name="handoff"/>; then RabbitMQ
    /// moves it to the service's shared queue, which every instance of the service consumes (not the
    /// endpoint's: the instance may have been the only one of its endpoint).
    /// So the steps queued for an instance that died, or fell far behind, go to the others instead
    /// of waiting for their timeouts; the queue itself is deleted after an hour without a consumer.
    /// </remarks>
    public static void ConfigureInstanceEndpoints(
        this IRabbitMqBusFactoryConfigurator configurator, IBusRegistrationContext context, HostedInstances instances, TimeSpan handoff, IEnumerable<string> queues)
    {
        foreach (var instance in instances.All)
        {
            configurator.ReceiveEndpoint(instance.Queue, endpoint =>
            {
                endpoint.SetQueueArgument("x-message-ttl", (long)handoff.TotalMilliseconds);
                endpoint.SetQueueArgument("x-dead-letter-exchange", instance.Service);
                endpoint.SetQueueArgument("x-expires", (long)TimeSpan.FromHours(1).TotalMilliseconds);
                ConfigureStepConsumers(endpoint, context);
            });
        }

        var own = instances.All.Select(i => i.Queue).ToHashSet(StringComparer.Ordinal);
        configurator.ConfigureStepEndpoints(context, instances.All.SelectMany(i => i.Queues).Concat(queues).Where(q => !own.Contains(q)));
    }

    private static void ConfigureStepConsumers(IReceiveEndpointConfigurator endpoint, IBusRegistrationContext context)
    {
        // Step commands are sent to this queue, never published: no exchange bindings.
        endpoint.ConfigureConsumeTopology = false;
        endpoint.UseMessageRetry(retry => retry.Intervals(100, 500, 1000));
        endpoint.ConfigureConsumer<StepCommandConsumer<ExecuteStep>>(context);
        endpoint.ConfigureConsumer<StepCommandConsumer<CompensateStep>>(context);
    }

    // What runs handlers, whichever of the two registrations comes first; the options are the
    // bound ones if AddSagasWorkers bound them, the defaults if not.
    private static void AddHandlerRuntime(IServiceCollection services)
    {
        services.AddOptions<OutsideCallOptions>();
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<OutsideCallOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutsidePipelines>();
        services.TryAddSingleton<StepHandlers>();
        services.TryAddSingleton(provider => WorkerInstance.For(provider.GetService<NodeIdentity>()));
        services.TryAddSingleton<IStepCommandHandling<ExecuteStep>, StepExecution>();
        services.TryAddSingleton<IStepCommandHandling<CompensateStep>, StepCompensation>();
        services.TryAddSingleton(HostedInstances.None);
        services.TryAddSingleton<InstanceStats>();
    }
}
