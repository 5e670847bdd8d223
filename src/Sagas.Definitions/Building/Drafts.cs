using Sagas.Definitions.Model;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Building;

// What the builder could read of a file, even when parts of it are wrong, so the graph and
// reference rules can still run and report their errors in the same pass.

internal sealed record WorkflowDraft(
    string? Id,
    int? Version,
    string? Description,
    IReadOnlyList<InputField> Input,
    IReadOnlyList<StepDraft> Steps,
    ValueMapping Output,
    TimeSpan? Deadline);

internal sealed record StepDraft(
    string? Id,
    string? Service,
    IReadOnlyList<DependencyDraft> DependsOn,
    ValueMapping Input,
    TimeSpan? Timeout,
    StepRetry? Retry,
    IReadOnlyList<string> Alternates,
    CompensationDraft? Compensation,
    StepCondition? When,
    StepJoin Join,
    SwitchDraft? Switch,
    WaitDraft? WaitFor,
    StepForEach? ForEach,
    StepChild? Child,
    bool Optional,
    SourcePosition Position);

internal sealed record DependencyDraft(string StepId, SourcePosition Position);

// Position is the 'compensate:' key, where messages about the block as a whole point.
internal sealed record CompensationDraft(string? Service, ValueMapping Input, SourcePosition Position);

// Position is the 'switch:' key. Default is null when it is missing (already reported).
internal sealed record SwitchDraft(IReadOnlyList<CaseDraft> Cases, CaseDraft? Default, SourcePosition Position);

// A case of a switch, or its default (Name "default", no When). Null values are the step's own.
internal sealed record CaseDraft(
    string? Name,
    StepCondition? When,
    string? Service,
    ValueMapping? Input,
    TimeSpan? Timeout,
    StepRetry? Retry,
    IReadOnlyList<string>? Alternates,
    CompensationDraft? Compensation,
    SourcePosition Position);

// Position is the 'wait_for:' key.
internal sealed record WaitDraft(string? Signal, TimeSpan? Timeout, SourcePosition Position);
