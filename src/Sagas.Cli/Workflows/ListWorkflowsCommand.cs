using Sagas.Analytics.WorkflowList;
using Sagas.Orchestration.Workflows;

namespace Sagas.Cli.Workflows;

/// <summary>
/// <c>sagas workflows list [--status S] [--definition D] [--since 1h] [--where FIELD=VALUE]… [--after ID] [--limit N] [--json]</c>:
/// workflows newest first, one page at a time.
/// </summary>
internal static class ListWorkflowsCommand
{
    private const int ErrorWidth = 60;

    public static Command Create(CliContext context)
    {
        var status = new Option<string?>("--status") { Description = $"Only workflows in this status: {string.Join(", ", Enum.GetNames<WorkflowStatus>())}" };
        var definition = new Option<string?>("--definition") { Description = "Only workflows of this definition" };
        var since = SinceOption.Create();
        var where = new Option<string[]>("--where")
        {
            Description = "Only workflows whose searchable input field holds this value (FIELD=VALUE; repeat to require several)",
            DefaultValueFactory = _ => [],
        };
        var after = new Option<string?>("--after") { Description = "The next page: the workflows listed after this one (the last of the page before)" };
        var limit = new Option<int>("--limit") { Description = $"At most this many (1 to {WorkflowListFilter.MostRows})", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Write the list as JSON" };
        var command = new Command("list", "List workflows, newest first") { status, definition, since, where, after, limit, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(limit);
            if (count is < 1 or > WorkflowListFilter.MostRows)
            {
                throw new UserErrorException($"--limit must be from 1 to {WorkflowListFilter.MostRows} (it is {count})");
            }

            var filter = new WorkflowListFilter
            {
                Status = StatusOf(parse.GetValue(status)),
                Definition = parse.GetValue(definition),
                StartedSince = SinceOption.Parse(parse.GetValue(since), DateTimeOffset.UtcNow),
                After = parse.GetValue(after) is { } id ? WorkflowIdArgument.Parse(id) : null,
                Where = [.. (parse.GetValue(where) ?? []).Select(ConditionOf)],
                Limit = count,
            };
            using var reader = new WorkflowReader(context.Settings.Postgres);
            var items = await reader.ListAsync(filter, cancellationToken);
            if (items.Count == 0)
            {
                foreach (var (field, _) in filter.Where)
                {
                    if (!await reader.IsSearchedFieldAsync(field, cancellationToken))
                    {
                        throw new UserErrorException(
                            $"--where {field}=…: no workflow has a searchable input field '{field}'; mark it 'searchable: true' in its definition's input (only runs started since are found)");
                    }
                }
            }
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Output, items);
            }
            else
            {
                WriteTable(context.Output, items, count);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static (string Field, string Value) ConditionOf(string text) =>
        text.IndexOf('=', StringComparison.Ordinal) is var at and > 0 && at < text.Length - 1
            ? (text[..at], text[(at + 1)..])
            : throw new UserErrorException($"--where '{text}' is not FIELD=VALUE, e.g. --where orderId=o-1");

    private static WorkflowStatus? StatusOf(string? text) =>
        text is null ? null
        : Enum.TryParse<WorkflowStatus>(text, ignoreCase: true, out var status) && Enum.IsDefined(status) ? status
        : throw new UserErrorException($"--status '{text}' is not a status; use one of {string.Join(", ", Enum.GetNames<WorkflowStatus>())}");

    private static void WriteTable(TextWriter output, IReadOnlyList<WorkflowListItem> items, int limit)
    {
        if (items.Count == 0)
        {
            output.WriteLine("no workflows match");
            return;
        }

        TextTable.Write(
            output,
            ["WORKFLOW", "DEFINITION", "STATUS", "STARTED", "DURATION", "ERROR"],
            items.Select(w => new[]
            {
                w.WorkflowId.ToString(),
                $"{w.Definition} v{w.Version}",
                w.Status,
                w.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                w.DurationMs is { } ms ? $"{ms:F0} ms" : "-",
                TextTable.OneLine(w.Error ?? "-", ErrorWidth),
            }));
        if (items.Count == limit)
        {
            output.WriteLine($"more: --after {items[^1].WorkflowId}");
        }
    }
}
