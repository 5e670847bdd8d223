using Sagas.Definitions.Model;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Building;

/// <summary>
/// Reads a step's <c>switch:</c>: a list of <c>cases</c>, each with a name, a <c>when:</c> and the
/// service it calls, and a <c>default</c> for when none holds. A case may give its own input,
/// timeout, retry, alternates and compensation; what it leaves out is the step's.
/// </summary>
internal sealed class SwitchReader(ErrorSink errors, DraftReader names)
{
    internal static readonly string[] SwitchKeys = ["cases", "default"];
    internal static readonly string[] CaseKeys = ["name", "when", "service", "input", "timeout", "retry", "alternates", "compensate"];
    internal static readonly string[] DefaultKeys = ["service", "input", "timeout", "retry", "alternates", "compensate"];

    public SwitchDraft? Read(SourceEntry? entry, string? stepId)
    {
        if (entry?.Value is null or SourceScalar { Kind: ScalarKind.Null })
        {
            return null;
        }

        if (entry.Value is not SourceMapping mapping)
        {
            errors.Add(entry.Value.Position, stepId, ErrorCodes.WrongType, $"'switch' must be a mapping with cases and a default, not {entry.Value.KindName}");
            return null;
        }

        var keys = new KeyedEntries(mapping, SwitchKeys, stepId, errors, "switch");
        var cases = Cases(keys["cases"], mapping.Position, stepId);
        CaseDraft? fallback = null;
        if (keys.Entry("default") is not { } defaultEntry)
        {
            errors.Add(mapping.Position, stepId, ErrorCodes.MissingKey,
                "missing 'switch.default': the service to call when no case holds (a switch always calls one)");
        }
        else
        {
            fallback = Case(defaultEntry.Value, StepSwitch.DefaultName, stepId);
        }

        return new SwitchDraft(cases, fallback, entry.Key.Position);
    }

    private List<CaseDraft> Cases(SourceNode? node, SourcePosition parent, string? stepId)
    {
        if (node is null)
        {
            errors.Add(parent, stepId, ErrorCodes.MissingKey, "missing 'switch.cases': a list of cases, each with name, when and service");
            return [];
        }

        var items = OptionalList.Items(node, "switch.cases", "a list of cases, each with name, when and service", stepId, errors);
        if (items.Count == 0 && node is SourceSequence or SourceScalar { Kind: ScalarKind.Null })
        {
            errors.Add(node.Position, stepId, ErrorCodes.EmptySwitch, "'switch.cases' is empty; give at least one case, or call the default's service without a switch");
        }

        var cases = new List<CaseDraft>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (Case(item, null, stepId) is not { } read)
            {
                continue;
            }

            if (read.Name is { } name && !seen.TryAdd(name, read.Position.Line))
            {
                errors.Add(read.Position, stepId, ErrorCodes.DuplicateCase, $"case '{name}' is named twice (first on line {seen[name]}); each case needs a name of its own");
            }

            cases.Add(read);
        }

        return cases;
    }

    // fixedName is the default's: it has no name or when of its own.
    private CaseDraft? Case(SourceNode node, string? fixedName, string? stepId)
    {
        var what = fixedName is null ? "each entry of 'switch.cases'" : "'switch.default'";
        if (node is not SourceMapping mapping)
        {
            errors.Add(node.Position, stepId, ErrorCodes.WrongType, $"{what} must be a mapping with {(fixedName is null ? "name, when and " : "")}service, not {node.KindName}");
            return null;
        }

        var keys = new KeyedEntries(mapping, fixedName is null ? CaseKeys : DefaultKeys, stepId, errors, fixedName is null ? "switch.cases[]" : "switch.default");
        var name = fixedName ?? CaseName(keys["name"], mapping.Position, stepId);
        StepCondition? when = null;
        if (fixedName is null)
        {
            when = ConditionReader.When(keys["when"], stepId, errors);
            if (keys["when"] is null)
            {
                errors.Add(mapping.Position, stepId, ErrorCodes.MissingKey, $"case '{name}' is missing 'when': the expression that chooses it");
            }
        }

        var service = names.ServiceName(keys["service"], mapping.Position, "service", stepId);
        return new CaseDraft(
            name,
            when,
            service,
            keys["input"] is { } input ? ValueMappingBuilder.Build(input, stepId, "input", errors) : null,
            DurationReader.Read(keys["timeout"], "timeout", stepId, errors),
            RetryReader.Read(keys.Entry("retry"), stepId, errors),
            keys["alternates"] is { } alternates ? AlternatesReader.Read(alternates, "alternates", service, stepId, errors) : null,
            names.Compensation(keys.Entry("compensate"), stepId),
            mapping.Position);
    }

    private string? CaseName(SourceNode? node, SourcePosition parent, string? stepId)
    {
        var name = names.RequiredName(node, parent, "name", stepId, NamePatterns.StepId().IsMatch, "letters, digits, '_' and '-'");
        if (name == StepSwitch.DefaultName)
        {
            errors.Add(node!.Position, stepId, ErrorCodes.InvalidName, "a case cannot be named 'default'; that name is the switch's default");
            return null;
        }

        return name;
    }
}
