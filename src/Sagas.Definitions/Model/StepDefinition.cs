namespace Sagas.Definitions.Model;

/// <summary>One step: a call to <see cref="Service"/> once the steps in <see cref="DependsOn"/> are done (see <see cref="Join"/>), when <see cref="When"/> allows.</summary>
public sealed record StepDefinition
{
    public required string Id { get; init; }

    /// <summary>The service whose queue receives the step's command.</summary>
    public required string Service { get; init; }

    public required IReadOnlyList<string> DependsOn { get; init; }

    public required ValueMapping Input { get; init; }

    /// <summary>No result within this long counts as a failed attempt (<c>timeout: 30s</c>); null: the service's or global default.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The step's own retry settings; null: the service's or global policy.</summary>
    public StepRetry? Retry { get; init; }

    /// <summary>Services tried in order when <see cref="Service"/> is exhausted or its circuit is open (<c>alternates:</c>).</summary>
    public IReadOnlyList<string> Alternates { get; init; } = [];

    /// <summary>How to undo the step once it has completed; null: nothing to undo.</summary>
    public CompensationDefinition? Compensation { get; init; }

    /// <summary>The step runs only when this is true (<c>when:</c>), decided once and recorded; null: always.</summary>
    public StepCondition? When { get; init; }

    /// <summary>How it joins its dependencies when some were skipped (<c>join:</c>).</summary>
    public StepJoin Join { get; init; } = StepJoin.All;

    /// <summary>Line of the step in its file, for messages about it at run time.</summary>
    public required int Line { get; init; }
}
