using System.Globalization;
using Sagas.Cli.Node;
using Sagas.Definitions.Building;
using Sagas.Orchestration.Adaptation;
using Sagas.Orchestration.Discovery;

namespace Sagas.Cli.Nodes;

/// <summary>
/// <c>sagas services [--json]</c>: each service with its registered instances, as the
/// orchestrators route by them: node, endpoint, whether in the rotation (or why not), and each
/// instance's last minute as its node reported it (in flight, calls, error rate, latency p50/p99),
/// and the adaptations in force on it (ejected, avoided), from the service's stream.
/// <c>sagas services --history SERVICE</c> prints that stream: each adaptation applied and reverted, and why.
/// </summary>
internal static class ServicesCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Write the services and their instances as JSON" };
        var history = new Option<string?>("--history") { Description = "Print what the orchestrators adapted for this service, and why (its stream's latest 200 records)" };
        var command = new Command("services", "List each service's instances: node, health, in flight, latency and error rate over the last minute") { json, history };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var policy = NodeFiles.LoadPolicies(context.Settings).Discovery;
            using var reader = new WorkflowReader(context.Settings.Postgres);
            var now = DateTimeOffset.UtcNow;
            if (parse.GetValue(history) is { } asked)
            {
                return await AdaptationHistory.WriteAsync(context, asked, await reader.ServiceHistoryAsync(asked, 200, cancellationToken), parse.GetValue(json));
            }

            var directory = ServiceDirectory.From(await reader.NodesAsync(cancellationToken), policy with { Enabled = true }, now);
            var services = directory.Services.OrderBy(s => s.Service, StringComparer.Ordinal).ToList();
            var adapted = new Dictionary<string, IReadOnlyList<AdaptationApplied>>(StringComparer.Ordinal);
            foreach (var known in services)
            {
                adapted[known.Service] = AdaptationsInForce.From(await reader.ServiceHistoryAsync(known.Service, 200, cancellationToken), now);
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Output, services.Select(s => new
                {
                    s.Service,
                    Healthy = s.Instances.Count(i => i.InRotation),
                    Instances = s.Instances.Select(i => new
                    {
                        i.Queue,
                        i.Endpoint,
                        i.Node,
                        i.Host,
                        i.InRotation,
                        i.OutBecause,
                        i.Report.Health,
                        i.Report.Problem,
                        i.Report.Capacity,
                        i.Report.Version,
                        i.Report.InFlight,
                        i.Report.Calls,
                        i.Report.Failures,
                        ErrorRate = ErrorRate(i),
                        i.Report.LatencyP50Ms,
                        i.Report.LatencyP99Ms,
                        i.LastSeen,
                        Adaptations = adapted[s.Service].Where(a => a.Instance == i.Queue).ToList(),
                    }).ToList(),
                    Adaptations = adapted[s.Service].Where(a => a.Instance is null).ToList(),
                }).ToList());
                return ExitCodes.Success;
            }

            if (services.Count == 0)
            {
                await context.Output.WriteLineAsync("no service instance has registered; start a worker with 'sagas run --worker SERVICE' (or SERVICE@ENDPOINT)");
                return ExitCodes.Success;
            }

            var discovery = policy.Enabled ? $"discovery through the broker, refreshed every {DurationText.Words(policy.RefreshInterval)}" : "discovery is off: steps go to each service's shared queue";
            await context.Output.WriteLineAsync($"{discovery}; figures are each instance's last minute");
            foreach (var service in services)
            {
                await context.Output.WriteLineAsync();
                // Rotation is discovery's (heartbeats, health checks); an ejection is an orchestrator's, on its own figures.
                var ejected = adapted[service.Service].Count(a => a.Instance is not null && a.Action == AdaptationWords.Ejected);
                await context.Output.WriteLineAsync(
                    $"{service.Service}: {service.Instances.Count(i => i.InRotation)} of {service.Instances.Count} instance(s) in rotation"
                    + (ejected == 0 ? string.Empty : $", {ejected} of them ejected by an orchestrator for its errors"));
                await context.Output.WriteLineAsync($"  {"instance",-44} {"endpoint",-16} {"health",-9} {"in flight",9} {"calls",6} {"errors",7} {"p50 ms",8} {"p99 ms",8}");
                foreach (var instance in service.Instances)
                {
                    var report = instance.Report;
                    var health = instance.InRotation ? report.Health : "out";
                    await context.Output.WriteLineAsync(
                        $"  {instance.Queue,-44} {instance.Endpoint,-16} {health,-9} {report.InFlight,9} {report.Calls,6} {Percent(ErrorRate(instance)),7} {Number(report.LatencyP50Ms),8} {Number(report.LatencyP99Ms),8}");
                    if (instance.OutBecause is { } why)
                    {
                        await context.Output.WriteLineAsync($"    out of rotation: {why}");
                    }
                    else if (report.Problem is { } problem)
                    {
                        await context.Output.WriteLineAsync($"    {report.Health}: {problem}");
                    }

                    foreach (var adaptation in adapted[service.Service].Where(a => a.Instance == instance.Queue))
                    {
                        await context.Output.WriteLineAsync($"    {AdaptationHistory.InForce(adaptation)}");
                    }
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static double? ErrorRate(InstanceEntry instance) =>
        instance.Report.Calls == 0 ? null : Math.Round((double)instance.Report.Failures / instance.Report.Calls, 3);

    private static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Number(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "-";
}
