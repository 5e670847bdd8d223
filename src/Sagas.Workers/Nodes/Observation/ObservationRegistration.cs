using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Sagas.Contracts.Telemetry;

namespace Sagas.Workers.Nodes.Observation;

/// <summary>Wires what a node shows of itself: its meters, exported to Prometheus and, when configured, OTLP.</summary>
public static class ObservationRegistration
{
    /// <summary>Sagas' own meter, which every node reports; MassTransit's is a setting (<see cref="ObservationOptions.MassTransitMetrics"/>).</summary>
    public const string SagasMeter = SagasTelemetry.Name;

    /// <summary>
    /// The metrics and the <see cref="ObservationEndpoint"/> with <c>Sagas:Observation</c> bound
    /// and validated at start. OTLP export follows the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
    /// and <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> variables, and is off while the endpoint is unset.
    /// Needs the node's <see cref="NodeHealth"/> (<see cref="HeartbeatRegistration.AddSagasHeartbeats"/>).
    /// </summary>
    public static IHostApplicationBuilder AddSagasObservation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ObservationOptions>().BindConfiguration(ObservationOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ObservationOptions>, ObservationOptions.Validation>();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<ObservationOptions>>().Value);
        builder.Services.TryAddSingleton(TimeProvider.System);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var massTransit = builder.Configuration.GetValue($"{ObservationOptions.SectionName}:{nameof(ObservationOptions.MassTransitMetrics)}", false);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(massTransit ? [SagasMeter, "MassTransit"] : [SagasMeter]).AddPrometheusExporter();
            if (otlp)
            {
                metrics.AddOtlpExporter();
            }
        });

        // Traces go to a collector or nowhere: without one, no span is even created (nobody listens).
        if (otlp)
        {
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(SagasTelemetry.Name, "MassTransit").AddOtlpExporter());
        }

        if (builder.Configuration.GetValue($"{ObservationOptions.SectionName}:{nameof(ObservationOptions.Enabled)}", true))
        {
            builder.Services.AddSingleton<ObservationEndpoint>();
            builder.Services.AddHostedService(provider => provider.GetRequiredService<ObservationEndpoint>());
        }

        return builder;
    }
}
