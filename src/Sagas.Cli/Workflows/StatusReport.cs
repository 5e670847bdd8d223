using System.Text.Json.Nodes;
using Sagas.Orchestration.Status;

namespace Sagas.Cli.Workflows;

/// <summary>What <c>sagas status --json</c> and <c>sagas start --wait --json</c> write.</summary>
internal sealed record StatusReport(
    Guid WorkflowId,
    string? Definition,
    int? Version,
    string Status,
    IReadOnlyList<string>? CurrentSteps,
    IReadOnlyList<string>? CompletedSteps,
    IReadOnlyList<StepTiming>? Steps,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    double? DurationMs,
    JsonObject? Output,
    string? FailedStep,
    string? Error,
    IReadOnlyList<string>? CompensatedSteps = null,
    IReadOnlyList<string>? AbandonedUndone = null,
    IReadOnlyList<string>? SkippedSteps = null,
    IReadOnlyList<string>? Branches = null) : ITextReport
{
    public static StatusReport Of(WorkflowStatusView view) => new(
        view.Id, view.Definition, view.DefinitionVersion, view.Status.ToString(), view.CurrentSteps, view.CompletedSteps, view.Steps,
        view.StartedAt, view.EndedAt, view.DurationMs, view.Output, view.FailedStep, view.Error, view.CompensatedSteps, view.AbandonedUndone, view.SkippedSteps, view.Branches);

    public static StatusReport Pending(Guid workflowId, string message) =>
        new(workflowId, null, null, "Pending", null, null, null, null, null, null, null, null, message);

    public void WriteText(TextWriter output)
    {
        output.WriteLine($"workflow   {WorkflowId}");
        output.WriteLine($"definition {Definition} v{Version}");
        output.WriteLine($"status     {Status}");
        if (CurrentSteps is { Count: > 0 })
        {
            output.WriteLine($"running    {string.Join(", ", CurrentSteps)}");
        }

        if (CompletedSteps is { Count: > 0 })
        {
            output.WriteLine($"completed  {string.Join(", ", CompletedSteps)}");
        }

        if (SkippedSteps is { Count: > 0 })
        {
            output.WriteLine($"skipped    {string.Join(", ", SkippedSteps)}");
        }

        if (Branches is { Count: > 0 })
        {
            output.WriteLine($"branches   {string.Join(", ", Branches)}");
        }

        if (CompensatedSteps is { Count: > 0 })
        {
            output.WriteLine($"undone     {string.Join(", ", CompensatedSteps)}");
        }

        if (AbandonedUndone is { Count: > 0 })
        {
            // Work of attempts the run gave up on, undone by key: not part of the outcome.
            output.WriteLine($"abandoned  {string.Join(", ", AbandonedUndone)} (undone by key)");
        }

        if (DurationMs is { } duration)
        {
            output.WriteLine($"duration   {duration:F0} ms");
        }

        foreach (var step in Steps ?? [])
        {
            var took = step.DurationMs is { } ms ? $"{ms:F0} ms" : "running";
            output.WriteLine($"  step     {step.StepId}#{step.Attempt} ({step.Service}): {step.Outcome}, {took}");
        }

        if (Output is not null)
        {
            output.WriteLine($"output     {Output.ToJsonString()}");
        }

        if (Error is not null)
        {
            output.WriteLine($"error      {(FailedStep is null ? string.Empty : $"[{FailedStep}] ")}{Error}");
        }
    }
}
