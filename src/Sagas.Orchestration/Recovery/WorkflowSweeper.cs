using Marten;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.Contracts;
using Sagas.Contracts.Commands;
using Sagas.Definitions.Building;
using Sagas.Orchestration.Outbox;
using Sagas.Orchestration.Persistence;
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
    private const int PageSize = 200;

    // One statement, so the state judged and the absence of its timers are one snapshot. Rows
    // written before timers carried their workflow's id are matched by their body. Keyset pages
    // (by id) so workflows still for a good reason (a step with no timeout) cannot crowd out
    // stuck ones; waiting for admission is left to the admission relay.
    private static readonly string StillWithNoTimer = StillWithNoTimerQuery();

    // Where the next sweep's page starts; back to the first page after the last.
    private Guid _after = Guid.Empty;

    // A node whose sweeps keep failing (its broker link is down, say) gives the job up after
    // this many in a row, so that a node that can sweep takes it over.
    private const int FailuresBeforeGivingUp = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var tick = new PeriodicTimer(options.SweepInterval);
        var failures = 0;
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

                    failures = 0;
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database or the broker is away; the next sweep looks again.
                    LogSweepFailed(logger, error);
                    if (++failures >= FailuresBeforeGivingUp)
                    {
                        await ownership.ReleaseAsync();
                        failures = 0;
                    }
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
        var still = await session.QueryAsync<WorkflowState>(StillWithNoTimer, cancellationToken, _after, clock.GetUtcNow() - options.StuckAfter);
        _after = still.Count == PageSize ? still[^1].CorrelationId : Guid.Empty;
        if (still.Count == 0)
        {
            return 0;
        }

        var orchestrator = await bus.GetSendEndpoint(new Uri($"queue:{BrokerNames.Orchestrator}"));
        var asked = 0;
        foreach (var state in still)
        {
            if (WorkflowHealth.RecoveryFor(state) is not { } plan)
            {
                continue;
            }

            var reason = $"{state.Status} with no timer left and nothing recorded for {DurationText.Words(options.StuckAfter)} or more";
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

    private static string StillWithNoTimerQuery()
    {
        var status = DocumentLayout.KeyOf<WorkflowState>(w => w.Status);
        var awaitingAdmission = DocumentLayout.KeyOf<WorkflowState>(w => w.AwaitingAdmission);
        var deadline = DocumentLayout.KeyOf<WorkflowState>(w => w.DeadlineTokenId);
        var body = DocumentLayout.KeyOf<DurableTimer>(t => t.Body);
        // Every message a timer or an outbox row carries names its workflow as ExecuteStep does.
        var bodyWorkflow = DocumentLayout.BodyKeyOf<ExecuteStep>(m => m.WorkflowId);
        return
            $"SELECT w.data FROM {DocumentLayout.TableOf<WorkflowState>()} w " +
            $"WHERE w.id > ? AND w.data->>'{status}' IN ('{nameof(WorkflowStatus.Running)}', '{nameof(WorkflowStatus.Compensating)}') " +
            $"AND w.mt_last_modified < ? AND COALESCE(w.data->'{awaitingAdmission}', '{{}}'::jsonb) = '{{}}'::jsonb " +
            $"AND NOT EXISTS (SELECT 1 FROM {DocumentLayout.TableOf<DurableTimer>()} t WHERE (t.workflow_id = w.id " +
            $"OR (t.workflow_id IS NULL AND (t.data->>'{body}')::jsonb->>'{bodyWorkflow}' = w.id::text)) " +
            $"AND t.id IS DISTINCT FROM (w.data->>'{deadline}')::uuid) " +
            $"ORDER BY w.id LIMIT {PageSize}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {WorkflowId} looks stuck ({Reason}); asking the orchestrator to {Actions}")]
    private static partial void LogStuck(ILogger logger, Guid workflowId, string reason, string actions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sweep for stuck workflows failed; the next one looks again")]
    private static partial void LogSweepFailed(ILogger logger, Exception error);
}
