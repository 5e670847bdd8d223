using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.Contracts;
using Sagas.Contracts.Commands;

namespace Sagas.Orchestration.Adaptation;

/// <summary>
/// Tells a step waiting under an adaptive limit that its turn came: a <see cref="RetryStep"/> to
/// its run, which routes it again and takes the slot kept for it. A wake that cannot be sent is
/// not lost: the step's own timer looks again (<see cref="Decisions.LimitRouter.LookAgainAfter"/>).
/// </summary>
internal sealed partial class LimitRelay(ServiceAdaptations adaptations, IBus bus, ILogger<LimitRelay> logger) : BackgroundService
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var orchestrator = new Uri($"queue:{BrokerNames.Orchestrator}");
        var wakeups = adaptations.Limits.Wakeups;
        try
        {
            while (await wakeups.WaitToReadAsync(stoppingToken))
            {
                var endpoint = await bus.GetSendEndpoint(orchestrator);
                while (wakeups.TryRead(out var waiter))
                {
                    try
                    {
                        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                        bounded.CancelAfter(SendTimeout);
                        await endpoint.Send(new RetryStep { WorkflowId = waiter.WorkflowId, StepId = waiter.StepId, Attempt = waiter.Attempt }, bounded.Token);
                    }
                    catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                    {
                        LogWakeFailed(logger, waiter.WorkflowId, waiter.StepId, error);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the waiting steps' own timers wake them on another node.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking step {StepId} of workflow {WorkflowId} under its adaptive limit failed; its own timer looks again")]
    private static partial void LogWakeFailed(ILogger logger, Guid workflowId, string stepId, Exception error);
}
