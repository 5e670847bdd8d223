using Marten;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.Contracts.Commands;
using Sagas.Orchestration.Persistence;
using Sagas.Orchestration.Policies;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Recovery;

/// <summary>
/// Self-healing: finds open workflows that have been still for <see cref="OrchestrationOptions.StuckAfter"/>
/// with no timer of theirs left (their deadline aside), and asks the orchestrator to move each
/// again (<see cref="RecoverWorkflow"/>; the saga records <c>WorkflowRecovered</c>). One node
/// sweeps at a time (<see cref="JobOwnership"/>); when it dies another takes over at its next try.
/// </summary>
/// <remarks>
/// What to do is decided twice from the same rule (<see cref="WorkflowHealth.RecoveryFor"/>): here,
/// to skip what it cannot help, and in the saga, on the revision the sweeper read, so a workflow
/// that moved in between is left alone.
/// </remarks>
internal sealed partial class WorkflowSweeper(
    JobOwnership ownership, IDocumentStore store, IBus bus, OrchestrationOptions options, TimeProvider clock, ILogger<WorkflowSweeper> logger)
    : BackgroundService
{
    private const string StillWithNoTimer =
        "SELECT w.id FROM sagas.mt_doc_workflowstate w " +
        "WHERE w.data->>'status' IN ('Running', 'Compensating') AND w.mt_last_modified < ? " +
        "AND NOT EXISTS (SELECT 1 FROM sagas.mt_doc_timer t WHERE t.workflow_id = w.id " +
        "AND t.id IS DISTINCT FROM (w.data->>'deadlineTokenId')::uuid) " +
        "ORDER BY w.mt_last_modified LIMIT 200";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var tick = new PeriodicTimer(options.SweepInterval);
        try
        {
            while (await tick.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await ownership.HoldAsync(stoppingToken))
                    {
                        await SweepAsync(stoppingToken);
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // The database or the broker is away; the next sweep looks again.
                    LogSweepFailed(logger, error);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await ownership.DisposeAsync();
        }
    }

    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var still = await session.AdvancedSql.QueryAsync<Guid>(StillWithNoTimer, cancellationToken, clock.GetUtcNow() - options.StuckAfter);
        if (still.Count == 0)
        {
            return 0;
        }

        var states = await session.LoadManyAsync<WorkflowState>(cancellationToken, still);
        var orchestrator = await bus.GetSendEndpoint(new Uri($"queue:{WorkflowStateMachineDefinition.QueueName}"));
        var asked = 0;
        foreach (var state in states)
        {
            if (WorkflowHealth.RecoveryFor(state) is not { } plan)
            {
                continue;
            }

            var reason = $"{state.Status} with no timer left and nothing recorded for {DurationWords.Of(options.StuckAfter)} or more";
            LogStuck(logger, state.CorrelationId, reason, string.Join("; ", plan.Actions));
            await orchestrator.Send(new RecoverWorkflow
            {
                WorkflowId = state.CorrelationId,
                Revision = state.Revision,
                Reason = reason,
                RequestedAt = clock.GetUtcNow(),
            }, cancellationToken);
            asked++;
        }

        return asked;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {WorkflowId} looks stuck ({Reason}); asking the orchestrator to {Actions}")]
    private static partial void LogStuck(ILogger logger, Guid workflowId, string reason, string actions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sweep for stuck workflows failed; the next one looks again")]
    private static partial void LogSweepFailed(ILogger logger, Exception error);
}
