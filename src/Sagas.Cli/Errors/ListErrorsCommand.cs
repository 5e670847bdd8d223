namespace Sagas.Cli.Errors;

/// <summary>
/// <c>sagas errors list [--queue Q] [--limit N]</c>: the messages waiting in the vhost's error and
/// skipped queues, looked at without being taken.
/// </summary>
internal static class ListErrorsCommand
{
    private const int ReasonWidth = 80;

    public static Command Create(CliContext context)
    {
        var queue = new Option<string?>("--queue") { Description = "Only this error or skipped queue" };
        var limit = new Option<int>("--limit") { Description = "At most this many messages per queue", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Write the list as JSON" };
        var command = new Command("list", "List the messages in the error and skipped queues, leaving them there") { queue, limit, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var only = parse.GetValue(queue) is { } name ? ErrorQueue.Require(name) : null;
            var count = parse.GetValue(limit);
            if (count < 1)
            {
                throw new UserErrorException($"--limit must be 1 or more (it is {count})");
            }

            using var api = new ManagementApi(context.Settings.RabbitMq);
            var queues = only is null ? (await api.QueueNamesAsync(cancellationToken)).Where(ErrorQueue.IsParking).ToList() : [only];
            var messages = new List<ParkedMessageSummary>();
            foreach (var parking in queues)
            {
                messages.AddRange((await api.PeekAsync(parking, count, cancellationToken)).Select(m => m.Summary()));
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Output, messages);
            }
            else
            {
                WriteTable(context.Output, messages);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteTable(TextWriter output, List<ParkedMessageSummary> messages)
    {
        if (messages.Count == 0)
        {
            output.WriteLine("no messages in error or skipped queues");
            return;
        }

        TextTable.Write(
            output,
            ["QUEUE", "#", "MESSAGE-ID", "TYPE", "FAULTED-AT", "FROM", "REASON"],
            messages.Select(m => new[] { m.Queue, m.Position.ToString(), m.Id, m.Type, m.FaultedAt ?? "-", m.From, TextTable.OneLine(m.Reason ?? "-", ReasonWidth) }));
    }
}
