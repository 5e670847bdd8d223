using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.Contracts;
using Sagas.Contracts.Commands;
using Sagas.Orchestration.Policies;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Admission;

/// <summary>
/// Gives waiting steps their slots under their services' limits, on every orchestrator node:
/// each pass takes the services with tickets waiting and admits what fits (see
/// <see cref="AdmissionTable"/>), sending each admission to the saga, which dispatches the step.
/// A pass runs when this node's commit took or gave back a ticket (<see cref="AdmissionSignal"/>),
/// and at least every <see cref="OrchestrationOptions.AdmissionPollInterval"/> for other nodes' tickets.
/// </summary>
internal sealed partial class AdmissionRelay(
    AdmissionTable table, AdmissionSignal signal, PolicyBook policies, IBus bus, OrchestrationOptions options, TimeProvider clock, ILogger<AdmissionRelay> logger)
    : BackgroundService
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);
    private const int MostPerPass = 500;
    private static readonly TimeSpan IdlePollInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var orchestrator = new Uri($"queue:{BrokerNames.Orchestrator}");
        var created = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!created)
                {
                    await table.EnsureCreatedAsync(stoppingToken);
                    created = true;
                }

                foreach (var service in await table.WaitingServicesAsync(stoppingToken))
                {
                    var limits = policies.LimitsFor(service);
                    var pass = await table.AdmitAsync(service, limits, clock.GetUtcNow(), MostPerPass, ticket => SendAsync(orchestrator, ticket, stoppingToken), stoppingToken);
                    if (pass is not null && limits?.MaxInFlight is { } most && pass.InFlight > most)
                    {
                        // More out than the limit allows: the limit was lowered while steps were out,
                        // or a slot was given twice after a failed commit. Nothing is admitted until it drains.
                        LogLimitBreached(logger, service, pass.InFlight, most);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // The database or broker is away: the tickets stay waiting for the next pass.
                LogPassFailed(logger, error);
            }

            // Without limits nothing queues, and a pass only drains tickets an earlier policy left;
            // polling seldom keeps an idle orchestrator from asking PostgreSQL 20 times a second.
            if (!await signal.WaitAsync(policies.HasLimits ? options.AdmissionPollInterval : IdlePollInterval, stoppingToken))
            {
                return;
            }
        }
    }

    private async Task SendAsync(Uri orchestrator, AdmissionTicket ticket, CancellationToken stoppingToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        bounded.CancelAfter(SendTimeout);
        var endpoint = await bus.GetSendEndpoint(orchestrator);
        await endpoint.Send(new AdmitStep { WorkflowId = ticket.WorkflowId, StepId = ticket.StepId, Attempt = ticket.Attempt }, bounded.Token);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admitting waiting steps failed; they stay queued and the next pass tries again")]
    private static partial void LogPassFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Limits of service {Service} breached: {InFlight} steps in flight, limit {Limit}; none is admitted until it is back under")]
    private static partial void LogLimitBreached(ILogger logger, string service, long inFlight, int limit);
}
