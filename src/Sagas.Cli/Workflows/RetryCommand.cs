using Sagas.Contracts.Commands;
using Sagas.Orchestration.Decisions;
using Sagas.Orchestration.Workflows;

namespace Sagas.Cli.Workflows;

/// <summary>
/// <c>sagas retry ID [--step STEP] [--wait]</c>: runs the failed step of a Failed workflow (or the
/// failed compensation of one that NeedsAttention) again, and the workflow carries on from there.
/// </summary>
internal static class RetryCommand
{
    public static Command Create(CliContext context)
    {
        var id = WorkflowIdArgument.Create();
        var step = new Option<string?>("--step") { Description = "The step to run again (default: the one that failed)" };
        var waiting = new WaitOptions("Wait for the new outcome; exit 0 only when Completed (or Compensated after a failed compensation)");
        var json = new Option<bool>("--json") { Description = "Write the outcome as JSON" };
        var command = new Command("retry", "Run a Failed workflow's failed step, a blocked step (or, with --step, the completed step whose output it lacks), or a failed compensation, again") { id, step, waiting.Wait, waiting.Timeout, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var workflowId = WorkflowIdArgument.Parse(parse.GetValue(id));
            var stepId = parse.GetValue(step);
            WorkflowStatus statusBefore;
            int attemptsBefore;
            bool compensationBefore;
            using (var reader = new WorkflowReader(context.Settings.Postgres))
            {
                var state = await reader.StateAsync(workflowId, cancellationToken)
                    ?? throw new UserErrorException($"no workflow {workflowId} is known");
                if (OperatorDecider.RetryRefusal(state, stepId) is { } refusal)
                {
                    throw new UserErrorException(refusal);
                }

                statusBefore = state.Status;
                compensationBefore = state.Status == WorkflowStatus.NeedsAttention && state.BlockedStep is null;
                attemptsBefore = (await reader.StatusAsync(workflowId, cancellationToken))?.Steps.Count ?? 0;
            }

            await OrchestratorSender.SendAsync(context.Settings.RabbitMq,
                new RetryWorkflow { WorkflowId = workflowId, StepId = stepId, RequestedAt = DateTimeOffset.UtcNow }, cancellationToken);
            if (!parse.GetValue(waiting.Wait))
            {
                await context.Output.WriteLineAsync($"retry of {workflowId} sent; 'sagas status {workflowId}' shows its progress");
                return ExitCodes.Success;
            }

            // Settled again after the retry took effect: a new attempt of a step, or the compensation moved on.
            var report = await OutcomeWaiter.WaitAsync(context, workflowId, waiting.TimeoutOf(parse),
                view => view.Status.IsSettled() && (statusBefore == WorkflowStatus.Failed ? view.Steps.Count > attemptsBefore : view.Status != WorkflowStatus.NeedsAttention),
                cancellationToken);
            // A failed compensation retried ends Compensated; a failed or blocked step retried, Completed.
            var success = compensationBefore ? nameof(WorkflowStatus.Compensated) : nameof(WorkflowStatus.Completed);
            return OutcomeWaiter.Report(context, report, parse.GetValue(json), success);
        });
        return command;
    }
}
