using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sagas.Samples.Services;
using Sagas.Workers.Nodes.Observation;

namespace Sagas.Cli.Node;

/// <summary><c>sagas run [--orchestrator] [--worker SERVICE,…]</c>: runs a node until stopped (Ctrl+C, SIGTERM).</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var orchestrator = new Option<bool>("--orchestrator") { Description = "Run the orchestrator" };
        var worker = new Option<string?>("--worker") { Description = "Comma-separated services to host, e.g. payment,inventory; SERVICE@ENDPOINT to join (or start) one of its endpoints (payment@payment-eu-2); 'samples' for all sample services" };
        var command = new Command("run", "Run a node; with no flags, the orchestrator and every sample service") { orchestrator, worker };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var roles = Roles(parse.GetValue(orchestrator), parse.GetValue(worker));

            // Fail fast with the fix, instead of a node that retries forever in its log.
            await using (await BrokerConnection.OpenAsync(context.Settings.RabbitMq, "sagas run (check)", cancellationToken))
            {
            }

            if (roles.Orchestrator)
            {
                await DatabaseConnection.EnsureReachableAsync(context.Settings.Postgres, cancellationToken);
            }

            using var host = NodeHost.Build(context.Configuration, roles);
            await NodeHost.StartAsync(host, cancellationToken);
            var observed = host.Services.GetService<ObservationEndpoint>()?.Address is { } address ? $"; metrics and health at {address}" : string.Empty;
            await context.Output.WriteLineAsync($"sagas node running: {roles}{observed} (Ctrl+C to stop)");
            await host.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static NodeRoles Roles(bool orchestrator, string? worker)
    {
        if (!orchestrator && worker is null)
        {
            return new NodeRoles(true, SampleServiceRegistration.Names);
        }

        var services = worker is null ? [] : worker.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (services is ["samples"])
        {
            services = [.. SampleServiceRegistration.Names];
        }

        var unknown = services.Select(NodeRoles.ServiceOf).Except(SampleServiceRegistration.Names).ToList();
        if (unknown.Count > 0)
        {
            throw new UserErrorException($"no service named {string.Join(", ", unknown.Select(u => $"'{u}'"))}; this node can host: {string.Join(", ", SampleServiceRegistration.Names)}");
        }

        return new NodeRoles(orchestrator, services);
    }
}
