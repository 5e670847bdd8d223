namespace Sagas.Contracts.Commands;

/// <summary>The step of another run that started this one as its child, and that hears how it ends.</summary>
public sealed record WorkflowParent(Guid WorkflowId, string StepId, int Attempt);
