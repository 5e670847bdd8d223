using System.Diagnostics;
using Sagas.Orchestration.Status;

namespace Sagas.Cli.Workflows;

/// <summary>A person waiting at a terminal: polls the status view until the workflow gets there or time runs out.</summary>
internal static class OutcomeWaiter
{
    public static async Task<StatusReport> WaitAsync(
        CliContext context, Guid workflowId, TimeSpan timeout, Func<WorkflowStatusView, bool> arrived, CancellationToken cancellationToken)
    {
        using var reader = new WorkflowReader(context.Settings.Postgres);
        var clock = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        do
        {
            if (await reader.StatusAsync(workflowId, cancellationToken) is { } view && arrived(view))
            {
                return StatusReport.Of(view);
            }

            if (clock.Elapsed > timeout)
            {
                var last = await reader.StatusAsync(workflowId, cancellationToken);
                var reason = $"still not finished after {timeout.TotalSeconds:F0}s; is a node running? ('sagas run')";
                return last is null ? StatusReport.Pending(workflowId, reason) : StatusReport.Of(last) with { Error = reason };
            }
        }
        while (await poll.WaitForNextTickAsync(cancellationToken));

        throw new OperationCanceledException(cancellationToken);
    }

    /// <summary>Writes the report as text or JSON; exit 0 only when the workflow ended as <paramref name="success"/>.</summary>
    public static int Report(CliContext context, StatusReport report, bool json, string success)
    {
        ReportOutput.Write(context.Output, report, json);
        return report.Status == success ? ExitCodes.Success : ExitCodes.Invalid;
    }
}
