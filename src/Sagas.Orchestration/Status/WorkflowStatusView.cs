using System.Text.Json.Nodes;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Status;

/// <summary>What <c>sagas status</c> shows of one workflow instance; folded from its stream on demand (<see cref="WorkflowStatusProjection"/>).</summary>
public sealed class WorkflowStatusView
{
    public Guid Id { get; set; }

    public string Definition { get; set; } = string.Empty;

    /// <summary>The definition's version. (A property named Version would hold Marten's stream version.)</summary>
    public int DefinitionVersion { get; set; }

    public WorkflowStatus Status { get; set; }

    /// <summary>Steps dispatched and not finished.</summary>
    public List<string> CurrentSteps { get; set; } = [];

    public List<string> CompletedSteps { get; set; } = [];

    /// <summary>Steps that did not run: a <c>when:</c> was false, or what they join was skipped.</summary>
    public List<string> SkippedSteps { get; set; } = [];

    /// <summary>The case each <c>switch:</c> step chose, as <c>STEP: CASE</c>, in the order chosen.</summary>
    public List<string> Branches { get; set; } = [];

    /// <summary>Every attempt of every step, in dispatch order, with its timing.</summary>
    public List<StepTiming> Steps { get; set; } = [];

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public double? DurationMs { get; set; }

    public JsonObject? Output { get; set; }

    public string? FailedStep { get; set; }

    public string? Error { get; set; }

    /// <summary>Steps undone by their compensation.</summary>
    public List<string> CompensatedSteps { get; set; } = [];

    /// <summary>Effects of abandoned attempts undone by key, as <c>STEP on SERVICE</c>: work the run did not keep.</summary>
    public List<string> AbandonedUndone { get; set; } = [];
}
