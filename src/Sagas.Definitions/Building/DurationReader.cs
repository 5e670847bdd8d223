using Sagas.Definitions.Source;

namespace Sagas.Definitions.Building;

/// <summary>Reads an optional duration key (<c>timeout</c>, <c>deadline</c>, a retry's delays), reporting what is wrong with it.</summary>
internal static class DurationReader
{
    /// <summary>The duration written, or null when the key is absent, null or wrong.</summary>
    public static TimeSpan? Read(SourceNode? node, string key, string? stepId, ErrorSink errors)
    {
        switch (node)
        {
            case null:
            case SourceScalar { Kind: ScalarKind.Null }:
                return null;
            // A bare number (timeout: 30) is read as text too, so the message can say it lacks a unit.
            case SourceScalar { Kind: ScalarKind.String or ScalarKind.Number } scalar:
                if (DurationText.TryParse(scalar.Text, out var duration, out var problem))
                {
                    return duration;
                }

                errors.Add(node.Position, stepId, ErrorCodes.InvalidDuration, $"'{key}' is not a valid duration: {problem}; write {DurationText.AcceptedForms}");
                return null;
            default:
                errors.Add(node.Position, stepId, ErrorCodes.InvalidDuration, $"'{key}' must be a duration, not {node.KindName}; write {DurationText.AcceptedForms}");
                return null;
        }
    }
}
