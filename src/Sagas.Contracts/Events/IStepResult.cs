namespace Sagas.Contracts.Events;

/// <summary>
/// A worker's answer to a step command: how one attempt of a step (or of its undo) ended.
/// </summary>
public interface IStepResult : IWorkflowMessage
{
    string StepId { get; }

    int Attempt { get; }
}
