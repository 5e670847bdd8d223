using System.Diagnostics;
using Sagas.Orchestration.Starting;
using Sagas.Orchestration.Workflows;

namespace Sagas.Cli.Workflows;

/// <summary><c>sagas start --count N</c>: N starts at once, and with <c>--wait</c> the outcome counts and the rate.</summary>
internal sealed class StartBatch(CliContext context, string definition, int? version, System.Text.Json.Nodes.JsonObject input, int count, IdsFile idsFile)
{
    public async Task<int> RunAsync(bool wait, TimeSpan timeout, bool json, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToList();
        var requests = ids.Select(id => new StartWorkflowRequest
        {
            WorkflowId = id.ToString(),
            Definition = definition,
            Version = version,
            Input = (System.Text.Json.Nodes.JsonObject)input.DeepClone(),
        }).ToList();

        var clock = Stopwatch.StartNew();
        await StartPublisher.PublishAsync(context.Settings.RabbitMq, requests, idsFile.AppendAsync, cancellationToken);
        if (!wait)
        {
            await context.Output.WriteLineAsync($"started {count} workflows in {clock.Elapsed.TotalSeconds:F2}s");
            return ExitCodes.Success;
        }

        using var reader = new WorkflowReader(context.Settings.Postgres);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        Dictionary<WorkflowStatus, int> ended;
        do
        {
            ended = await reader.EndedAsync(ids, cancellationToken);
        }
        while (ended.Values.Sum() < count && clock.Elapsed < timeout && await poll.WaitForNextTickAsync(cancellationToken));

        var seconds = clock.Elapsed.TotalSeconds;
        var completed = ended.GetValueOrDefault(WorkflowStatus.Completed);
        var summary = new BatchSummary(count, completed, ended.Values.Sum() - completed, count - ended.Values.Sum(), Math.Round(seconds, 3), Math.Round(count / seconds, 1));
        if (json)
        {
            JsonOutput.Write(context.Output, summary);
        }
        else
        {
            await context.Output.WriteLineAsync(
                $"{summary.Started} workflows: {summary.Completed} completed, {summary.Failed} failed, {summary.Unfinished} unfinished in {summary.Seconds:F2}s ({summary.WorkflowsPerSecond:F1} workflows/s, publishing included)");
        }

        return completed == count ? ExitCodes.Success : ExitCodes.Invalid;
    }
}

/// <summary>What <c>sagas start --count N --wait --json</c> writes.</summary>
internal sealed record BatchSummary(int Started, int Completed, int Failed, int Unfinished, double Seconds, double WorkflowsPerSecond);
