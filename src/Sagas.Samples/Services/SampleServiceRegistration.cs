using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>Registers the sample services a worker node can host.</summary>
public static class SampleServiceRegistration
{
    /// <summary>The names of every sample service.</summary>
    public static readonly IReadOnlyList<string> Names = ["inventory", "payment", "payment-backup", "payment-eu", "fraud", "shipping", "wrapping", "notification", "accounts", "noop"];

    /// <summary>
    /// The sample services, with <c>Sagas:Samples</c> bound (and refused at start while a
    /// simulation is unknown), recording their side effects in the PostgreSQL of
    /// <paramref name="ledgerConnectionString"/> (null: not recorded, every command does its work).
    /// </summary>
    public static IHostApplicationBuilder AddSagasSamples(this IHostApplicationBuilder builder, string? ledgerConnectionString = null)
    {
        builder.Services.AddOptions<SampleOptions>().BindConfiguration(SampleOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SampleOptions>, SampleOptions.Validation>();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<SampleOptions>>().Value);
        builder.Services.AddSingleton(new SideEffectLedger(ledgerConnectionString));
        builder.Services.AddStepHandler<InventoryService>();
        builder.Services.AddStepHandler<PaymentService>();
        builder.Services.AddStepHandler<BackupPaymentService>();
        builder.Services.AddStepHandler<EuropePaymentService>();
        builder.Services.AddStepHandler<FraudService>();
        builder.Services.AddStepHandler<ShippingService>();
        builder.Services.AddStepHandler<WrappingService>();
        builder.Services.AddStepHandler<NotificationService>();
        builder.Services.AddStepHandler<AccountsService>();
        builder.Services.AddStepHandler<NoopService>();
        return builder;
    }
}
