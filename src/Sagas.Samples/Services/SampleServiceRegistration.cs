using Microsoft.Extensions.DependencyInjection;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>Registers the sample services a worker node can host.</summary>
public static class SampleServiceRegistration
{
    /// <summary>The names of every sample service.</summary>
    public static readonly IReadOnlyList<string> Names = ["inventory", "payment", "payment-backup", "fraud", "shipping", "notification", "accounts", "noop"];

    public static IServiceCollection AddSampleServices(this IServiceCollection services, SampleOptions options)
    {
        services.AddSingleton(options);
        services.AddStepHandler<InventoryService>();
        services.AddStepHandler<PaymentService>();
        services.AddStepHandler<BackupPaymentService>();
        services.AddStepHandler<FraudService>();
        services.AddStepHandler<ShippingService>();
        services.AddStepHandler<NotificationService>();
        services.AddStepHandler<AccountsService>();
        services.AddStepHandler<NoopService>();
        return services;
    }
}
