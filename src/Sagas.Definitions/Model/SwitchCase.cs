namespace Sagas.Definitions.Model;

/// <summary>
/// One way a <c>switch:</c> step can go: the service it calls when <see cref="When"/> is the first
/// case that holds (null for the default), and what it does differently from the step. A value left
/// null is the step's own.
/// </summary>
public sealed record SwitchCase
{
    /// <summary>The case's name in the stream and the history; the default is <see cref="StepSwitch.DefaultName"/>.</summary>
    public required string Name { get; init; }

    public StepCondition? When { get; init; }

    public required string Service { get; init; }

    /// <summary>The case's input in place of the step's (not merged with it); null: the step's.</summary>
    public ValueMapping? Input { get; init; }

    public TimeSpan? Timeout { get; init; }

    public StepRetry? Retry { get; init; }

    /// <summary>Null: the step's alternates; an empty list is a case that fails over nowhere.</summary>
    public IReadOnlyList<string>? Alternates { get; init; }

    public CompensationDefinition? Compensation { get; init; }

    public required int Line { get; init; }
}
