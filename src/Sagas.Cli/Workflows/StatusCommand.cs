namespace Sagas.Cli.Workflows;

/// <summary><c>sagas status ID [--json]</c>: where a workflow stands, from its status view.</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var id = WorkflowIdArgument.Create();
        var json = new Option<bool>("--json") { Description = "Write the status as JSON" };
        var command = new Command("status", "Show a workflow's status, current steps, output or error") { id, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var workflowId = WorkflowIdArgument.Parse(parse.GetValue(id));
            using var reader = new WorkflowReader(context.Settings.Postgres);
            var view = await reader.StatusAsync(workflowId, cancellationToken);
            if (view is null)
            {
                await context.Error.WriteLineAsync($"sagas: no workflow {workflowId} is known (a start still in the queue is not yet recorded)");
                return ExitCodes.Invalid;
            }

            ReportOutput.Write(context.Output, StatusReport.Of(view), parse.GetValue(json));
            return ExitCodes.Success;
        });
        return command;
    }
}
