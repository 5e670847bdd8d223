using Sagas.Contracts.Commands;
using Sagas.Orchestration.Workflows;

namespace Sagas.Cli.Workflows;

/// <summary>
/// <c>sagas cancel ID [--reason R] [--wait]</c>: stops a running workflow; its completed steps
/// are compensated and it ends Cancelled.
/// </summary>
internal static class CancelCommand
{
    public static Command Create(CliContext context)
    {
        var id = WorkflowIdArgument.Create();
        var reason = new Option<string>("--reason") { Description = "Why, for the history", DefaultValueFactory = _ => "cancelled by an operator" };
        var waiting = new WaitOptions("Wait until it has ended Cancelled");
        var json = new Option<bool>("--json") { Description = "Write the outcome as JSON" };
        var command = new Command("cancel", "Cancel a running workflow: compensate what completed, end Cancelled") { id, reason, waiting.Wait, waiting.Timeout, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var workflowId = WorkflowIdArgument.Parse(parse.GetValue(id));
            WorkflowStatus statusBefore;
            using (var reader = new WorkflowReader(context.Settings.Postgres))
            {
                var state = await reader.StateAsync(workflowId, cancellationToken)
                    ?? throw new UserErrorException($"no workflow {workflowId} is known");
                if (!state.IsForward)
                {
                    throw new UserErrorException($"workflow {workflowId} is {state.Status}; only a Running workflow (or one stopped at a blocked step) can be cancelled");
                }

                statusBefore = state.Status;
            }

            await OrchestratorSender.SendAsync(context.Settings.RabbitMq,
                new CancelWorkflow { WorkflowId = workflowId, Reason = parse.GetValue(reason)!, RequestedAt = DateTimeOffset.UtcNow }, cancellationToken);
            if (!parse.GetValue(waiting.Wait))
            {
                await context.Output.WriteLineAsync($"cancel of {workflowId} sent; 'sagas status {workflowId}' shows its progress");
                return ExitCodes.Success;
            }

            var report = await OutcomeWaiter.WaitAsync(context, workflowId, waiting.TimeoutOf(parse),
                view => view.Status != statusBefore && view.Status.IsSettled(), cancellationToken);
            return OutcomeWaiter.Report(context, report, parse.GetValue(json), nameof(WorkflowStatus.Cancelled));
        });
        return command;
    }
}
