namespace Sagas.Contracts.Commands;

/// <summary>Sent to a service's queue: run one attempt of one step of a workflow.</summary>
public sealed record ExecuteStep : StepCommand;
