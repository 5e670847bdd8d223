using System.Reflection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sagas.Contracts.Events;
using Sagas.Workers.Instances;
using Sagas.Workers.Nodes;

namespace Sagas.Workers;

/// <summary>
/// Registers this node's instances in each heartbeat: each with its queue, capacity and version,
/// its last minute (<see cref="InstanceStats"/>), and what its handler's health check says now. A
/// handler provides a check by implementing <see cref="IHealthCheck"/>, the standard interface;
/// a check that throws or outlasts its time counts as unhealthy, with the reason. An instance whose
/// check does not pass is also a degraded part of its node: the node's <c>/health/ready</c>,
/// heartbeats and <c>sagas nodes</c> name it, as they name the node's other parts (one health model).
/// </summary>
public sealed class InstanceRegistration(
    HostedInstances instances, IEnumerable<IStepHandler> handlers, InstanceStats stats, NodeIdentity identity, NodeOptions options, TimeProvider clock)
    : IInstanceRegistration, IDegradedPart
{
    private volatile IReadOnlyList<ServiceInstanceReport> _latest = [];

    private readonly Dictionary<string, IStepHandler> _handlers = handlers.ToDictionary(h => h.Service, StringComparer.Ordinal);

    public async Task<IReadOnlyList<ServiceInstanceReport>> ReportAsync(CancellationToken cancellationToken)
    {
        var reports = new List<ServiceInstanceReport>(instances.All.Count);
        foreach (var instance in instances.All)
        {
            var handler = _handlers.GetValueOrDefault(instance.Service);
            var (health, problem) = handler is IHealthCheck check ? await CheckAsync(instance, check, cancellationToken) : ("healthy", null);
            var figures = stats.FiguresOf(instance, clock.GetUtcNow());
            reports.Add(new ServiceInstanceReport
            {
                Service = instance.Service,
                Endpoint = instance.Endpoint,
                Queue = instance.Queue,
                Capacity = identity.Capacity,
                Version = VersionOf(handler),
                Health = health,
                Problem = problem,
                InFlight = figures.InFlight,
                Calls = figures.Calls,
                Failures = figures.Failures,
                LatencyP50Ms = figures.LatencyP50Ms,
                LatencyP99Ms = figures.LatencyP99Ms,
            });
        }

        _latest = reports;
        return reports;
    }

    public string Name => "instances";

    /// <summary>The instances whose last check did not pass, with why; null while all do.</summary>
    public string? Degraded =>
        _latest.Where(r => r.Health != "healthy").Select(r => $"{r.Queue} {r.Health}: {r.Problem}").ToList() is { Count: > 0 } ailing
            ? string.Join(", ", ailing)
            : null;

    private async Task<(string Health, string? Problem)> CheckAsync(ServiceInstance instance, IHealthCheck check, CancellationToken cancellationToken)
    {
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(options.HeartbeatInterval);
            var context = new HealthCheckContext
            {
                Registration = new HealthCheckRegistration(instance.Service, check, HealthStatus.Unhealthy, [instance.Endpoint], options.HeartbeatInterval),
            };
            var result = await check.CheckHealthAsync(context, bounded.Token);
            return result.Status switch
            {
                HealthStatus.Healthy => ("healthy", null),
                HealthStatus.Degraded => ("degraded", result.Description ?? "its health check says degraded"),
                _ => ("unhealthy", result.Description ?? result.Exception?.Message ?? "its health check says unhealthy"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ("unhealthy", $"its health check gave no answer within {options.HeartbeatInterval.TotalSeconds:0.#} s");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return ("unhealthy", $"its health check threw {error.GetType().Name}: {error.Message}");
        }
    }

    private static string VersionOf(IStepHandler? handler) =>
        handler?.GetType().Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? handler?.GetType().Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
