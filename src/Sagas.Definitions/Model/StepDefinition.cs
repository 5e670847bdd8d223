using System.Text.Json.Nodes;

namespace Sagas.Definitions.Model;

/// <summary>One step: a call to <see cref="Service"/> once the steps in <see cref="DependsOn"/> are done (see <see cref="Join"/>), when <see cref="When"/> allows.</summary>
public sealed record StepDefinition
{
    public required string Id { get; init; }

    /// <summary>The service whose queue receives the step's command; for a <see cref="Switch"/>, its default's until a case is chosen (<see cref="ForCase"/>).</summary>
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

    /// <summary>The cases it chooses among once ready (<c>switch:</c>); null: it always calls <see cref="Service"/>.</summary>
    public StepSwitch? Switch { get; init; }

    /// <summary>The signal it waits for instead of calling a service (<c>wait_for:</c>); <see cref="Service"/> is then the wait's stand-in.</summary>
    public StepWait? WaitFor { get; init; }

    /// <summary>The definition it starts a child run of instead of calling a service (<c>workflow:</c>); <see cref="Service"/> is then the child's stand-in.</summary>
    public StepChild? Child { get; init; }

    /// <summary>
    /// The run can do without it (<c>optional: true</c>): while its service is degraded by an
    /// adaptation, it is skipped, and its dependents run as if it were done without output.
    /// </summary>
    public bool Optional { get; init; }

    /// <summary>The list it runs over, one instance per item (<c>for_each:</c>); null: it runs once.</summary>
    public StepForEach? ForEach { get; init; }

    /// <summary>For one instance of a <c>for_each</c> step (see <see cref="ForItem"/>), its item; null otherwise.</summary>
    public StepItem? Item { get; init; }

    /// <summary>How it joins its dependencies when some were skipped (<c>join:</c>).</summary>
    public StepJoin Join { get; init; } = StepJoin.All;

    /// <summary>Line of the step in its file, for messages about it at run time.</summary>
    public required int Line { get; init; }

    /// <summary>
    /// The step as it runs once <paramref name="caseName"/> was chosen: the case's service, and its
    /// input, timeout, retry, alternates and compensation where it has its own (a step's compensation
    /// on its own service then calls the case's). Unchanged for a step
    /// without a switch, or with no case chosen yet.
    /// </summary>
    public StepDefinition ForCase(string? caseName) =>
        caseName is null || Switch?.Find(caseName) is not { } chosen
            ? this
            : this with
            {
                Service = chosen.Service,
                Input = chosen.Input ?? Input,
                Timeout = chosen.Timeout ?? Timeout,
                Retry = chosen.Retry ?? Retry,
                Alternates = chosen.Alternates ?? Alternates,
                Compensation = chosen.Compensation ?? FollowingTheCase(chosen),
            };

    // A compensation on the step's own service undoes on the service that did the work, as it does
    // after a failover: the chosen case's; one on another service stays where it is.
    private CompensationDefinition? FollowingTheCase(SwitchCase chosen) =>
        Compensation is { } own && own.Service == Service ? own with { Service = chosen.Service } : Compensation;

    /// <summary>Every service the step may call, whichever case is chosen (its compensations apart); none for a step that waits for a signal.</summary>
    public IEnumerable<string> Services => Switch is { } cases ? cases.All.Select(c => c.Service).Distinct() : WaitFor is null && Child is null ? [Service] : [];

    /// <summary>The instance of this <c>for_each</c> step that runs for one item, under its own id (<c>STEP[INDEX]</c>).</summary>
    public StepDefinition ForItem(int index, JsonNode? value) => this with { Id = StepItem.IdOf(Id, index), Item = new StepItem(Id, index, value) };

    /// <summary>Whether a route's service stands for no service at all (a wait for a signal, a child run): no circuit or balancer counts it.</summary>
    public static bool IsStandIn(string service) => service.Contains(':', StringComparison.Ordinal);
}
