using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.Definitions.Policies;

namespace Sagas.Orchestration.Discovery;

/// <summary>
/// Reads the registry every quarter of the refresh interval into <see cref="DiscoveredServices"/>,
/// and at once when this node recorded a change in it (an instance joining, leaving or changing health).
/// A read that fails leaves the last one in place (the next read tries again); routing never
/// waits for the registry.
/// </summary>
internal sealed partial class ServiceDirectoryRefresher(
    IServiceDiscovery discovery, DiscoveredServices services, PolicyFile policies, TimeProvider clock, ILogger<ServiceDirectoryRefresher> logger) : BackgroundService
{
    /// <summary>The first read, before the node takes messages: a restarted orchestrator routes by the registry from its first step.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (policies.Discovery.Enabled)
        {
            await RefreshAsync(cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!policies.Discovery.Enabled)
        {
            return;
        }

        using var ticks = new PeriodicTimer(policies.Discovery.RefreshInterval / 4, clock);
        var tick = ticks.WaitForNextTickAsync(stoppingToken).AsTask();
        var change = services.WaitForChangeAsync(stoppingToken);
        try
        {
            while (true)
            {
                if (await Task.WhenAny(tick, change) == tick)
                {
                    await tick;
                    tick = ticks.WaitForNextTickAsync(stoppingToken).AsTask();
                }
                else
                {
                    await change;
                    change = services.WaitForChangeAsync(stoppingToken);
                }

                await RefreshAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            services.Replace(await discovery.ReadAsync(cancellationToken));
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogReadFailed(logger, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the service registry failed; routing goes on by the last read until the next one")]
    private static partial void LogReadFailed(ILogger logger, Exception error);
}
