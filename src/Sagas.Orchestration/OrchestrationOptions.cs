namespace Sagas.Orchestration;

/// <summary><c>Sagas:Orchestration</c>: limits the orchestrator enforces on what it is asked to run, and how it commits.</summary>
public sealed class OrchestrationOptions
{
    public const string SectionName = "Sagas:Orchestration";

    /// <summary>Largest workflow input accepted, as UTF-8 JSON; a larger start is rejected.</summary>
    public int MaxInputBytes { get; set; } = 256 * 1024;

    /// <summary>Saga transactions one node runs at once; writes beyond them wait and join the next.</summary>
    public int CommitConcurrency { get; set; } = 4;

    /// <summary>Most workflows' writes one saga transaction carries.</summary>
    public int MaxWorkflowsPerCommit { get; set; } = 32;
}
