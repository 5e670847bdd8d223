using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Sagas.Definitions.Model;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Signaling;

namespace Sagas.Cli.Workflows;

/// <summary>
/// <c>sagas signal ID NAME [--data JSON] [--id SIGNAL_ID] [--wait]</c>: sends a named signal to a
/// workflow, as any client does on the <c>workflow-signal</c> exchange; with <c>--wait</c>, says
/// what the run did with it (given to a waiting step, kept for one, or ignored and why).
/// </summary>
internal static class SignalCommand
{
    public static Command Create(CliContext context)
    {
        var id = WorkflowIdArgument.Create();
        var name = new Argument<string>("name") { Description = "The signal's name, as a step's wait_for.signal says it (e.g. approve)" };
        var data = new Option<string?>("--data") { Description = "A JSON object: the waiting step's output (e.g. '{\"by\":\"dana\"}')" };
        var signalId = new Option<string?>("--id") { Description = "The signal's own id, so sending it again counts once (default: a new one)" };
        var waiting = new WaitOptions("Wait until the run has taken the signal, and say what it did with it");
        var json = new Option<bool>("--json") { Description = "Write the outcome as JSON" };
        var command = new Command("signal", "Send a named signal to a workflow: a step that waits for it (wait_for:) completes with its data")
        {
            id, name, data, signalId, waiting.Wait, waiting.Timeout, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var workflowId = WorkflowIdArgument.Parse(parse.GetValue(id));
            var signal = parse.GetValue(name)!;
            if (!StepWait.IsValidSignalName(signal))
            {
                throw new UserErrorException($"signal name '{signal}' may hold only letters, digits, '.', '_' and '-' (at most 100), starting with a letter or digit");
            }

            var payload = DataOf(parse.GetValue(data));
            using (var reader = new WorkflowReader(context.Settings.Postgres))
            {
                _ = await reader.StateAsync(workflowId, cancellationToken)
                    ?? throw new UserErrorException($"no workflow {workflowId} is known (a start still in the queue is not yet recorded)");
            }

            var request = new WorkflowSignalRequest
            {
                WorkflowId = workflowId.ToString(),
                Name = signal,
                Data = payload,
                SignalId = parse.GetValue(signalId) ?? NewId.NextGuid().ToString(),
            };
            await SignalPublisher.PublishAsync(context.Settings.RabbitMq, request, cancellationToken);
            var report = parse.GetValue(waiting.Wait)
                ? await OutcomeAsync(context, workflowId, signal, request.SignalId, waiting.TimeoutOf(parse), cancellationToken)
                : new SignalReport(workflowId, signal, request.SignalId, SignalReport.Sent);
            ReportOutput.Write(context.Output, report, parse.GetValue(json));
            return report.Outcome is SignalReport.Ignored or SignalReport.Pending ? ExitCodes.Invalid : ExitCodes.Success;
        });
        return command;
    }

    private static JsonObject? DataOf(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new UserErrorException($"--data must be a JSON object, such as '{{\"by\":\"dana\"}}', not {text}");
        }
        catch (JsonException e)
        {
            throw new UserErrorException($"--data is not valid JSON: {e.Message}");
        }
    }

    // Polls the run until it has taken the signal, then reads what it recorded for it.
    private static async Task<SignalReport> OutcomeAsync(CliContext context, Guid workflowId, string signal, string signalId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var reader = new WorkflowReader(context.Settings.Postgres);
        var clock = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (await poll.WaitForNextTickAsync(cancellationToken))
        {
            if ((await reader.StateAsync(workflowId, cancellationToken))?.SignalIds.Contains(signalId) == true)
            {
                var taken = (await reader.HistoryAsync(workflowId, cancellationToken)).Select(e => e.Data).Where(e => e switch
                {
                    SignalReceived r => r.SignalId == signalId,
                    SignalKept k => k.SignalId == signalId,
                    SignalIgnored i => i.SignalId == signalId,
                    _ => false,
                }).Last();
                return taken switch
                {
                    SignalReceived r => new SignalReport(workflowId, signal, signalId, SignalReport.Received, r.StepId),
                    SignalKept k => new SignalReport(workflowId, signal, signalId, SignalReport.Kept, k.ForStep),
                    SignalIgnored i => new SignalReport(workflowId, signal, signalId, SignalReport.Ignored, Reason: i.Reason),
                    _ => throw new UnreachableException(),
                };
            }

            if (clock.Elapsed > timeout)
            {
                return new SignalReport(workflowId, signal, signalId, SignalReport.Pending, Reason: $"still not taken after {timeout.TotalSeconds:F0}s; is a node running? ('sagas run')");
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }
}
