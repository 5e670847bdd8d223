namespace Sagas.Cli.Workflows;

/// <summary><c>sagas history ID [--json]</c>: every event of a workflow's stream, in order.</summary>
internal static class HistoryCommand
{
    public static Command Create(CliContext context)
    {
        var id = WorkflowIdArgument.Create();
        var json = new Option<bool>("--json") { Description = "Write the events as a JSON array" };
        var command = new Command("history", "Show every event recorded for a workflow, in order") { id, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var workflowId = WorkflowIdArgument.Parse(parse.GetValue(id));
            using var reader = new WorkflowReader(context.Settings.Postgres);
            var entries = (await reader.HistoryAsync(workflowId, cancellationToken)).Select(HistoryEntry.Of).ToList();
            if (entries.Count == 0)
            {
                await context.Error.WriteLineAsync($"sagas: no events are recorded for workflow {workflowId}");
                return ExitCodes.Invalid;
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Output, entries);
                return ExitCodes.Success;
            }

            foreach (var entry in entries)
            {
                var step = (entry.StepId, entry.Attempt) switch
                {
                    (null, _) => string.Empty,
                    (var stepId, null) => stepId,
                    (var stepId, var attempt) => $"{stepId}#{attempt}",
                };
                await context.Output.WriteLineAsync($"{entry.Version,3}  {entry.Timestamp:HH:mm:ss.fff}  {entry.Type,-18} {step,-22} {entry.Details()}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
