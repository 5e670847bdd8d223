using Sagas.Definitions.Building;
using Sagas.Definitions.Model;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Loading;

/// <summary>
/// Loads definition files and validates them completely, with no broker or database:
/// decode (refusing binary and oversized files), parse (refusing YAML anchors and aliases),
/// read the shape, then check the graph and the references, collecting every error.
/// </summary>
public sealed class DefinitionLoader(DefinitionLimits? limits = null)
{
    /// <summary>File extensions read as definitions; .json is parsed as JSON, the rest as YAML.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".yaml", ".yml", ".json"];

    private readonly DefinitionLimits _limits = limits ?? DefinitionLimits.Default;

    public DefinitionLoadResult LoadFile(string path)
    {
        var (content, error) = SourceDocument.ReadFile(path, _limits);
        return content is null ? new DefinitionLoadResult(path, null, [error!]) : Load(path, content);
    }

    /// <summary>Loads content under a display name; the extension of <paramref name="file"/> picks the format.</summary>
    public DefinitionLoadResult Load(string file, ReadOnlySpan<byte> content)
    {
        var (root, rejection) = SourceDocument.Parse(file, content, _limits);
        if (root is null)
        {
            return new DefinitionLoadResult(file, null, [rejection!]);
        }

        var errors = new ErrorSink(file);
        var draft = new DraftReader(errors, _limits).Read(root);
        if (draft is not null)
        {
            GraphRules.Check(draft, errors);
            ReferenceRules.Check(draft, errors);
        }

        if (draft is null || errors.HasErrors)
        {
            return new DefinitionLoadResult(file, null, errors.InFileOrder());
        }

        return new DefinitionLoadResult(file, Complete(draft, new DefinitionSource(file, ContentHash.Of(content))), []);
    }

    private static WorkflowDefinition Complete(WorkflowDraft draft, DefinitionSource source) => new()
    {
        Id = draft.Id!,
        Version = draft.Version!.Value,
        Description = draft.Description,
        Input = draft.Input,
        Steps = [.. draft.Steps.Select(s => new StepDefinition
        {
            Id = s.Id!,
            Service = s.Switch?.Default?.Service ?? Wait(s)?.Service ?? s.Child?.Service ?? s.Service!,
            DependsOn = [.. s.DependsOn.Select(d => d.StepId)],
            Input = s.Input,
            Timeout = s.WaitFor?.Timeout ?? s.Timeout,
            Retry = s.Retry ?? OneAttempt(s),
            Alternates = s.Alternates,
            // A child undoes itself: its step's undo is a request to it (the child's stand-in as the service).
            Compensation = s.Child is { } child ? new CompensationDefinition { Service = child.Service, Input = ValueMapping.Empty, Line = child.Line } : Compensation(s.Compensation),
            When = s.When,
            Switch = s.Switch is { } cases ? new StepSwitch([.. cases.Cases.Select(Case)], Case(cases.Default!)) : null,
            Join = s.Join,
            WaitFor = Wait(s),
            ForEach = s.ForEach,
            Child = s.Child,
            Optional = s.Optional,
            Line = s.Position.Line,
        })],
        Output = draft.Output,
        Deadline = draft.Deadline,
        Source = source,
    };

    // A wait or a child run is made once unless the step asks for more: doing it again is a choice, not a default.
    private static StepRetry? OneAttempt(StepDraft step) =>
        step.WaitFor is not null || step.Child is not null ? new StepRetry { MaxAttempts = 1, Line = step.Position.Line } : null;

    private static StepWait? Wait(StepDraft step) => step.WaitFor is { } wait ? new StepWait(wait.Signal!, wait.Position.Line) : null;

    private static CompensationDefinition? Compensation(CompensationDraft? draft) =>
        draft is null ? null : new CompensationDefinition { Service = draft.Service!, Input = draft.Input, Line = draft.Position.Line };

    private static SwitchCase Case(CaseDraft draft) => new()
    {
        Name = draft.Name!,
        When = draft.When,
        Service = draft.Service!,
        Input = draft.Input,
        Timeout = draft.Timeout,
        Retry = draft.Retry,
        Alternates = draft.Alternates,
        Compensation = Compensation(draft.Compensation),
        Line = draft.Position.Line,
    };
}
