namespace Sagas.Definitions.Model;

/// <summary>
/// A validated workflow: a graph of steps, each calling one service. Instances are only
/// made by the loader, after every validation rule has passed.
/// </summary>
public sealed record WorkflowDefinition
{
    public required string Id { get; init; }

    public required int Version { get; init; }

    public string? Description { get; init; }

    /// <summary>Fields the start message's input must carry; empty when the workflow takes none.</summary>
    public required IReadOnlyList<InputField> Input { get; init; }

    /// <summary>Steps in file order.</summary>
    public required IReadOnlyList<StepDefinition> Steps { get; init; }

    /// <summary>The workflow's result, resolved once every step has completed.</summary>
    public required ValueMapping Output { get; init; }

    /// <summary>Each run must end within this long of its start (<c>deadline: 10m</c>); null: no deadline.</summary>
    public TimeSpan? Deadline { get; init; }

    public required DefinitionSource Source { get; init; }

    /// <summary>The step with this id, or null.</summary>
    public StepDefinition? FindStep(string stepId) => Steps.FirstOrDefault(s => s.Id == stepId);

    public override string ToString() => $"{Id} v{Version} ({Source.ShortHash})";
}
