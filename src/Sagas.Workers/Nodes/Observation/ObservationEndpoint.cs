using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Sagas.Workers.Nodes.Observation;

/// <summary>
/// The node's small HTTP listener: <c>/metrics</c> for Prometheus to scrape, <c>/health/live</c>
/// (the process answers) and <c>/health/ready</c> (the verdict its heartbeats carry, from the
/// same <see cref="NodeHealth"/>: one health model). It is a listener of its own, not the node's
/// host, so a node with no HTTP API still has it.
/// </summary>
public sealed class ObservationEndpoint(
    ObservationOptions options, NodeHealth health, IEnumerable<IDegradedPart> parts, TimeProvider clock, MeterProvider meters) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>Where the listener answers, once started (the port chosen when the setting is 0).</summary>
    public Uri? Address { get; private set; }

    /// <summary>
    /// 503 while the node is unhealthy; otherwise 200, saying which parts are degraded: a node whose
    /// analytics are behind still orchestrates, and a load balancer should keep sending it work.
    /// </summary>
    private IResult Ready()
    {
        if (health.Unhealthy(clock.GetUtcNow()) is { } why)
        {
            return Results.Text($"unhealthy: {why}\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Text(DegradedParts.Describe(parts) is { } degraded ? $"ready, degraded: {degraded}\n" : "ready\n");
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Parse(options.Address), options.Port));
        var app = builder.Build();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meters, context => context.Request.Path == "/metrics", null, null, null);
        app.MapGet("/health/live", () => Results.Text("live\n"));
        app.MapGet("/health/ready", Ready);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception taken) when (taken is AddressInUseException || taken.InnerException is AddressInUseException)
        {
            await app.DisposeAsync();
            throw new OptionsValidationException(ObservationOptions.SectionName, typeof(ObservationOptions),
                [$"{ObservationOptions.SectionName}:Port: {options.Address}:{options.Port} is taken; choose another, or 0 for any free port"]);
        }

        _app = app;
        Address = new Uri(app.Urls.First());
    }

    public Task StopAsync(CancellationToken cancellationToken) => _app?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
