using Microsoft.Extensions.DependencyInjection;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>Registers the sample services a worker node can host.</summary>
public static class SampleServiceRegistration
{
    /// <summary>The names of every sample service.</summary>
    public static readonly IReadOnlyList<string> Names = ["inventory", "payment", "payment-backup", "fraud", "shipping", "notification", "accounts", "noop"];

    /// <summary>
    /// The sample services, recording their side effects in the PostgreSQL of
    /// <paramref name="ledgerConnectionString"/> (null: not recorded, every command does its work).
    /// </summary>
    public static IServiceCollection AddSampleServices(this IServiceCollection services, SampleOptions options, string? ledgerConnectionString = null)
    {
        services.AddSingleton(options);
        services.AddSingleton(new SideEffectLedger(ledgerConnectionString));
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
