using Sagas.Definitions.Building;
using Sagas.Orchestration.Nodes;

namespace Sagas.Cli.Nodes;

/// <summary><c>sagas nodes [--json]</c>: every node that has announced itself, live or lost, and when each was last seen.</summary>
internal static class NodesCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Write the nodes as JSON" };
        var command = new Command("nodes", "List the nodes that announce themselves (live) and those that stopped (lost)") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var reader = new WorkflowReader(context.Settings.Postgres);
            var nodes = await reader.NodesAsync(cancellationToken);
            var now = DateTimeOffset.UtcNow;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Output, nodes.Select(n => new
                {
                    n.Id,
                    Status = n.Status.ToString(),
                    n.Host,
                    n.ProcessId,
                    n.Roles,
                    n.Services,
                    n.Capacity,
                    n.LastSeen,
                    SecondsSinceSeen = Math.Round((now - n.LastSeen).TotalSeconds, 1),
                    n.LostAt,
                    n.Unhealthy,
                    n.Degraded,
                }).ToList());
                return ExitCodes.Success;
            }

            if (nodes.Count == 0)
            {
                await context.Output.WriteLineAsync("no node has announced itself yet; start one with 'sagas run'");
                return ExitCodes.Success;
            }

            await context.Output.WriteLineAsync($"{"node",-34} {"status",-7} {"last seen",-10} {"roles",-22} {"capacity",8}  services");
            foreach (var node in nodes)
            {
                await context.Output.WriteLineAsync(
                    $"{node.Id,-34} {node.Status,-7} {DurationText.Roughly(now - node.LastSeen) + " ago",-10} {string.Join(",", node.Roles),-22} {node.Capacity,8}  {string.Join(",", node.Services)}");
                if (node.Unhealthy is { } reason && node.Status == NodeStatus.Live)
                {
                    await context.Output.WriteLineAsync($"  unhealthy: {reason}");
                }

                if (node.Degraded is { } degraded && node.Status == NodeStatus.Live)
                {
                    await context.Output.WriteLineAsync($"  degraded: {degraded}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
