namespace Sagas.Cli.Workflows;

/// <summary>What <c>sagas signal</c> reports: sent, or with <c>--wait</c>, what the run did with it.</summary>
internal sealed record SignalReport(Guid WorkflowId, string Signal, string SignalId, string Outcome, string? StepId = null, string? Reason = null) : ITextReport
{
    public const string Sent = "Sent";
    public const string Received = "Received";
    public const string Kept = "Kept";
    public const string Ignored = "Ignored";
    public const string Pending = "Pending";

    public void WriteText(TextWriter output) => output.WriteLine(Outcome switch
    {
        Received => $"signal '{Signal}' received by step '{StepId}' of workflow {WorkflowId}; the run goes on ('sagas status {WorkflowId}')",
        Kept => $"signal '{Signal}' kept for step '{StepId}' of workflow {WorkflowId}, which is not waiting yet; it is given to the step when it waits",
        Ignored => $"signal '{Signal}' ignored by workflow {WorkflowId}: {Reason}",
        Pending => $"signal '{Signal}' ({SignalId}) sent to workflow {WorkflowId}, not yet taken: {Reason}",
        _ => $"signal '{Signal}' ({SignalId}) sent to workflow {WorkflowId}; 'sagas history {WorkflowId}' shows what it did",
    });
}
