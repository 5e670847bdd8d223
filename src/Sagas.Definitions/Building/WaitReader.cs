using Sagas.Definitions.Model;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Building;

/// <summary>
/// Reads a step's <c>wait_for: { signal, timeout }</c>. A step that waits calls no service, so it
/// may not also name one (<c>service</c>, <c>switch</c>, <c>alternates</c>) nor an undo; its one
/// timeout is the wait's.
/// </summary>
internal static class WaitReader
{
    internal static readonly string[] Keys = ["signal", "timeout"];

    private static readonly string[] Conflicting = ["service", "switch", "alternates", "timeout", "compensate", "optional"];

    public static WaitDraft? Read(SourceEntry? entry, KeyedEntries step, string? stepId, ErrorSink errors)
    {
        if (entry?.Value is null or SourceScalar { Kind: ScalarKind.Null })
        {
            return null;
        }

        foreach (var key in Conflicting.Where(k => step.Entry(k) is not null))
        {
            errors.Add(step.Entry(key)!.Key.Position, stepId, ErrorCodes.WaitConflict, key switch
            {
                "timeout" => "a step that waits for a signal takes its timeout in 'wait_for.timeout', not 'timeout'",
                "compensate" => "a step that waits for a signal does nothing to undo; put the undo on the step the signal leads to",
                _ => $"a step that waits for a signal calls no service; remove '{key}' (or the 'wait_for')",
            });
        }

        if (entry.Value is not SourceMapping mapping)
        {
            errors.Add(entry.Value.Position, stepId, ErrorCodes.WrongType, $"'wait_for' must be a mapping with signal and timeout, not {entry.Value.KindName}");
            return null;
        }

        var keys = new KeyedEntries(mapping, Keys, stepId, errors, "wait_for");
        return new WaitDraft(Signal(keys["signal"], mapping.Position, stepId, errors), Timeout(keys["timeout"], mapping.Position, stepId, errors), entry.Key.Position);
    }

    private static string? Signal(SourceNode? node, SourcePosition parent, string? stepId, ErrorSink errors)
    {
        switch (node)
        {
            case null or SourceScalar { Kind: ScalarKind.Null }:
                errors.Add(node?.Position ?? parent, stepId, ErrorCodes.MissingKey, "missing 'wait_for.signal': the name of the signal the step waits for");
                return null;
            case SourceScalar { Kind: ScalarKind.String } scalar when StepWait.IsValidSignalName(scalar.Text):
                return scalar.Text;
            default:
                errors.Add(node.Position, stepId, ErrorCodes.InvalidName,
                    $"'wait_for.signal' {DraftReader.Describe(node)} must be a name of letters, digits, '.', '_' and '-' (at most 100), starting with a letter or digit");
                return null;
        }
    }

    // Required: a wait without an end would hold its run open for ever. Waiting longer than one
    // timeout is asked for with retry.max_attempts, each attempt waiting again.
    private static TimeSpan? Timeout(SourceNode? node, SourcePosition parent, string? stepId, ErrorSink errors)
    {
        if (node is null or SourceScalar { Kind: ScalarKind.Null })
        {
            errors.Add(node?.Position ?? parent, stepId, ErrorCodes.MissingKey,
                "missing 'wait_for.timeout': how long the step waits before it fails (e.g. 24h; retry.max_attempts waits again)");
            return null;
        }

        return DurationReader.Read(node, "wait_for.timeout", stepId, errors);
    }
}
