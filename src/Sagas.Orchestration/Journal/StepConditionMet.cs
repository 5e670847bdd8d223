namespace Sagas.Orchestration.Journal;

/// <summary>
/// A step's <c>when:</c> was true, but the step could not be sent (its route failed fast, ending
/// the run): the decision is recorded here. When the step is sent or waits, the decision travels
/// on <see cref="StepDispatched"/> or <see cref="StepQueued"/> instead.
/// </summary>
public sealed record StepConditionMet
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required StepConditionRecord Condition { get; init; }

    public required DateTimeOffset DecidedAt { get; init; }
}
