using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sagas.Orchestration.Starting;
using Sagas.Orchestration.Workflows;

namespace Sagas.Cli.Workflows;

/// <summary>
/// <c>sagas start DEFINITION [--input JSON|@FILE] [--id ID] [--wait [--timeout S]] [--json] [--count N] [--ids-file FILE]</c>:
/// publishes a start like any client and prints the workflow id; with <c>--wait</c>, the outcome.
/// <c>--count N</c> starts N workflows with the same input (a quick load), and with <c>--wait</c>
/// reports how many ended how, and how fast. <c>--ids-file</c> appends each started id to a file.
/// </summary>
internal static class StartCommand
{
    public static Command Create(CliContext context)
    {
        var definition = new Argument<string>("definition") { Description = "The definition id, e.g. order-fulfilment" };
        var input = new Option<string?>("--input") { Description = "The input: a JSON object, or @FILE to read one" };
        var id = new Option<string?>("--id") { Description = "The workflow id (a UUID); a new one by default" };
        var version = new Option<int?>("--version") { Description = "A specific definition version; the latest by default" };
        var waiting = new WaitOptions("Wait for the outcome; exit 0 only when Completed");
        var json = new Option<bool>("--json") { Description = "Write one JSON object, whatever the outcome" };
        var count = new Option<int>("--count") { Description = "Start this many workflows (new ids, same input)", DefaultValueFactory = _ => 1 };
        var idsFile = new Option<string?>("--ids-file") { Description = "Append each started workflow's id to this file, one a line, once the broker has confirmed its start" };
        var command = new Command("start", "Start a workflow") { definition, input, id, version, waiting.Wait, waiting.Timeout, json, count, idsFile };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var ids = IdsFile.Open(parse.GetValue(idsFile));
            if (parse.GetValue(count) is var many and not 1)
            {
                if (many < 1 || parse.GetValue(id) is not null)
                {
                    throw new UserErrorException("--count takes a number from 1, and cannot be combined with --id");
                }

                var batch = new StartBatch(context, parse.GetValue(definition)!, parse.GetValue(version), ReadInput(parse.GetValue(input)), many, ids);
                return await batch.RunAsync(parse.GetValue(waiting.Wait), waiting.TimeoutOf(parse), parse.GetValue(json), cancellationToken);
            }

            var workflowId = parse.GetValue(id) is { } given ? WorkflowIdArgument.Parse(given) : Guid.CreateVersion7();
            var request = new StartWorkflowRequest
            {
                WorkflowId = workflowId.ToString(),
                Definition = parse.GetValue(definition),
                Version = parse.GetValue(version),
                Input = ReadInput(parse.GetValue(input)),
            };
            await StartPublisher.PublishAsync(context.Settings.RabbitMq, request, ids.AppendAsync, cancellationToken);

            if (!parse.GetValue(waiting.Wait))
            {
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(context.Output, new { workflowId });
                }
                else
                {
                    await context.Output.WriteLineAsync(workflowId.ToString());
                }

                return ExitCodes.Success;
            }

            var report = await OutcomeWaiter.WaitAsync(context, workflowId, waiting.TimeoutOf(parse), view => view.Status.IsSettled(), cancellationToken);
            return OutcomeWaiter.Report(context, report, parse.GetValue(json), nameof(WorkflowStatus.Completed));
        });
        return command;
    }

    internal static JsonObject ReadInput(string? input)
    {
        if (input is null)
        {
            return [];
        }

        var text = input;
        if (input.StartsWith('@'))
        {
            var file = input[1..];
            text = File.Exists(file) ? File.ReadAllText(file) : throw new UserErrorException($"--input file '{file}' does not exist");
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new UserErrorException("--input must be a JSON object, e.g. '{\"orderId\": \"o-1\"}'");
        }
        catch (JsonException e)
        {
            throw new UserErrorException($"--input is not valid JSON: {e.Message}");
        }
    }
}
