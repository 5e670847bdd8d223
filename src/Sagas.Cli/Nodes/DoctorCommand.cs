using Microsoft.Extensions.Configuration;
using Sagas.Analytics;
using Sagas.Analytics.Projection;
using Sagas.Cli.Errors;
using Sagas.Orchestration.Nodes;
using Sagas.Orchestration.Recovery;

namespace Sagas.Cli.Nodes;

/// <summary>
/// <c>sagas doctor [--replay] [--json]</c>: looks for what would leave work undone without anyone noticing:
/// open workflows that nothing will move (<see cref="WorkflowHealth"/>), durable timers long
/// overdue, admission tickets left behind by ended workflows, lost nodes, messages parked in
/// error or skipped queues, and analytics behind the events; with <c>--replay</c> also every workflow (ended ones too) whose stream
/// does not rebuild to the state its saga holds. Read-only; exit 1 when it finds anything.
/// </summary>
internal static class DoctorCommand
{
    private const int MostWorkflows = 10_000;

    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Write the findings as JSON" };
        var replay = new Option<bool>("--replay") { Description = "Also replay every workflow's stream, ended ones too, and report each that does not rebuild to its saga's state" };
        var command = new Command("doctor", "Look for stuck workflows, overdue timers, leftover tickets, lost nodes, parked messages and analytics behind") { json, replay };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var findings = new List<Finding>();
            using var reader = new WorkflowReader(context.Settings.Postgres);
            var open = await reader.OpenWorkflowsAsync(MostWorkflows, cancellationToken);
            findings.AddRange(open.SelectMany(w => WorkflowHealth.Problems(w).Select(p => new Finding("stuck", w.CorrelationId.ToString(), p))));

            var (timers, tickets) = await reader.LeftoversAsync(cancellationToken);
            findings.AddRange(timers.Select(id => new Finding("overdue", id.ToString(), "a durable timer of this workflow is over a minute overdue: is an orchestrator running?")));
            findings.AddRange(tickets.Select(id => new Finding("leftover", id.ToString(), "an admission ticket is still held for this ended workflow")));

            var nodes = await reader.NodesAsync(cancellationToken);
            findings.AddRange(nodes.Where(n => n.Status == NodeStatus.Lost).Select(n => new Finding(
                "lost node", n.Id, $"{string.Join(",", n.Roles)} on {n.Host}, silent since {n.LastSeen:u}")));
            findings.AddRange(nodes.Where(n => n.Status == NodeStatus.Live && n.Unhealthy is not null).Select(n => new Finding(
                "unhealthy", n.Id, $"{string.Join(",", n.Roles)} on {n.Host}: {n.Unhealthy}")));

            findings.AddRange(await ParkedAsync(context, cancellationToken));

            var analytics = context.Configuration.GetSection(AnalyticsOptions.SectionName).Get<AnalyticsOptions>() ?? new AnalyticsOptions();
            if ((await reader.AnalyticsLagAsync(cancellationToken)).ReportedReason(analytics.LagThreshold) is { } behind)
            {
                findings.Add(new Finding("analytics", AnalyticsProjection.Name, $"{behind}; 'sagas stats' answers from the saga documents meanwhile"));
            }

            int? replayed = null;
            if (parse.GetValue(replay))
            {
                var (replayChecked, mismatches) = await reader.ReplayAsync(cancellationToken);
                replayed = replayChecked;
                findings.AddRange(mismatches.Select(m => new Finding(
                    "replay", m.WorkflowId.ToString(), $"its stream ({m.Events} events) does not rebuild to the state its saga holds; differs in: {string.Join(", ", m.Differences)}")));
            }

            var replayNote = replayed is { } count ? $", {count} stream(s) replayed" : string.Empty;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Output, new { OpenWorkflowsChecked = open.Count, WorkflowsReplayed = replayed, LiveNodes = nodes.Count(n => n.Status == NodeStatus.Live), Findings = findings });
            }
            else if (findings.Count == 0)
            {
                await context.Output.WriteLineAsync(
                    $"no problems found: {open.Count} open workflow(s) checked{replayNote}, {nodes.Count(n => n.Status == NodeStatus.Live)} live node(s), no parked messages");
            }
            else
            {
                await context.Output.WriteLineAsync($"{findings.Count} finding(s) ({open.Count} open workflow(s) checked{(open.Count == MostWorkflows ? ", the first " + MostWorkflows : string.Empty)}{replayNote}):");
                foreach (var finding in findings)
                {
                    await context.Output.WriteLineAsync($"  {finding.Kind,-10} {finding.Subject,-36} {finding.Detail}");
                }
            }

            return findings.Count == 0 ? ExitCodes.Success : ExitCodes.Invalid;
        });
        return command;
    }

    // Parked messages, counted by the broker; a broker that cannot be asked is a finding too.
    private static async Task<IReadOnlyList<Finding>> ParkedAsync(CliContext context, CancellationToken cancellationToken)
    {
        try
        {
            using var api = new ManagementApi(context.Settings.RabbitMq);
            var parking = (await api.QueueNamesAsync(cancellationToken)).Where(ErrorQueue.IsParking).ToList();
            if (parking.Count == 0)
            {
                return [];
            }

            await using var connection = await BrokerConnection.OpenAsync(context.Settings.RabbitMq, "sagas doctor", cancellationToken);
            var findings = new List<Finding>();
            foreach (var queue in parking)
            {
                var depth = await ParkingQueueDepth.OfAsync(connection, context.Settings.RabbitMq.VirtualHost, queue, cancellationToken);
                if (depth > 0)
                {
                    findings.Add(new Finding("parked", queue, $"{depth} message(s); 'sagas errors list --queue {queue}' shows them"));
                }
            }

            return findings;
        }
        catch (UserErrorException e)
        {
            return [new Finding("broker", context.Settings.RabbitMq.Host, e.Message)];
        }
    }

    private sealed record Finding(string Kind, string Subject, string Detail);
}
