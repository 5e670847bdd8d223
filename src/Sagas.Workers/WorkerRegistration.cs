using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

    /// <summary>The step and compensation consumers; their endpoints (one queue per hosted service) are made by <see cref="ConfigureStepEndpoints"/>.</summary>
    public static IBusRegistrationConfigurator AddStepWorkers(this IBusRegistrationConfigurator bus)
    {
        bus.TryAddSingleton(TimeProvider.System);
        bus.TryAddSingleton<StepHandlers>();
        bus.AddConsumer<ExecuteStepConsumer>().ExcludeFromConfigureEndpoints();
        bus.AddConsumer<CompensateStepConsumer>().ExcludeFromConfigureEndpoints();
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
                endpoint.ConfigureConsumer<ExecuteStepConsumer>(context);
                endpoint.ConfigureConsumer<CompensateStepConsumer>(context);
            });
        }
    }
}
