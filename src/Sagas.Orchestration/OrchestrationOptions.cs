namespace Sagas.Orchestration;

/// <summary><c>Sagas:Orchestration</c>: limits the orchestrator enforces on what it is asked to run.</summary>
public sealed class OrchestrationOptions
{
    public const string SectionName = "Sagas:Orchestration";

    /// <summary>Largest workflow input accepted, as UTF-8 JSON; a larger start is rejected.</summary>
    public int MaxInputBytes { get; set; } = 256 * 1024;
}
