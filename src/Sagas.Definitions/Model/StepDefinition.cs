namespace Sagas.Definitions.Model;

/// <summary>One step: a call to <see cref="Service"/> once every step in <see cref="DependsOn"/> has completed.</summary>
public sealed record StepDefinition
{
    public required string Id { get; init; }

    /// <summary>The service whose queue receives the step's command.</summary>
    public required string Service { get; init; }

    public required IReadOnlyList<string> DependsOn { get; init; }

    public required ValueMapping Input { get; init; }

    /// <summary>Line of the step in its file, for messages about it at run time.</summary>
    public required int Line { get; init; }
}
