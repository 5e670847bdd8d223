using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sagas.Contracts.Commands;
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
    /// The pipelines for handlers' calls to the outside, with <c>Sagas:Workers:Resilience</c> from
    /// <paramref name="configuration"/>; throws on the first setting that makes no sense.
    /// </summary>
    public static IServiceCollection AddSagasWorkerResilience(this IServiceCollection services, IConfiguration configuration)
    {
        OutsideCallOptions options;
        try
        {
            options = OutsideCallOptions.From(configuration);
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key and the type it could not convert to.
            throw new InvalidOperationException($"invalid setting: {e.Message}", e);
        }

        if (options.Problems() is [var first, ..])
        {
            throw new InvalidOperationException($"invalid setting {first}");
        }

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutsidePipelines>();
        return services;
    }

    /// <summary>
    /// The step and compensation consumers; their endpoints (one queue per hosted service) are made by
    /// <see cref="ConfigureStepEndpoints"/>. Outside calls get the default pipelines unless
    /// <see cref="AddSagasWorkerResilience"/> bound settings.
    /// </summary>
    public static IBusRegistrationConfigurator AddStepWorkers(this IBusRegistrationConfigurator bus)
    {
        bus.TryAddSingleton(TimeProvider.System);
        bus.TryAddSingleton(new OutsideCallOptions());
        bus.TryAddSingleton<OutsidePipelines>();
        bus.TryAddSingleton<StepHandlers>();
        bus.TryAddSingleton<IStepCommandHandling<ExecuteStep>, StepExecution>();
        bus.TryAddSingleton<IStepCommandHandling<CompensateStep>, StepCompensation>();
        bus.AddConsumer<StepCommandConsumer<ExecuteStep>>().ExcludeFromConfigureEndpoints();
        bus.AddConsumer<StepCommandConsumer<CompensateStep>>().ExcludeFromConfigureEndpoints();
        return bus;
    }

    /// <summary>One receive endpoint per service, named after it, consuming only commands sent to it.</summary>
    public static void ConfigureStepEndpoints(this IBusFactoryConfigurator configurator, IBusRegistrationContext context, IEnumerable<string> services)
    {
        foreach (var service in services.Distinct())
        {
            configurator.ReceiveEndpoint(service, endpoint =>
            {
                // Step commands are sent to this queue, never published: no exchange bindings.
                endpoint.ConfigureConsumeTopology = false;
                endpoint.UseMessageRetry(retry => retry.Intervals(100, 500, 1000));
                endpoint.ConfigureConsumer<StepCommandConsumer<ExecuteStep>>(context);
                endpoint.ConfigureConsumer<StepCommandConsumer<CompensateStep>>(context);
            });
        }
    }
}
