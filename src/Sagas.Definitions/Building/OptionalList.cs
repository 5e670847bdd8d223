using Sagas.Definitions.Source;

namespace Sagas.Definitions.Building;

/// <summary>
/// A list key a person may leave out: its items; none when it is absent or null, and none after
/// reporting a value that is not a list, so the caller reads whatever items there are.
/// </summary>
internal static class OptionalList
{
    /// <summary>The items; <paramref name="shape"/> completes "'PATH' must be …, not a mapping" in the message.</summary>
    public static IReadOnlyList<SourceNode> Items(SourceNode? node, string path, string shape, string? stepId, ErrorSink errors)
    {
        switch (node)
        {
            case null:
            case SourceScalar { Kind: ScalarKind.Null }:
                return [];
            case SourceSequence sequence:
                return sequence.Items;
            default:
                errors.Add(node.Position, stepId, ErrorCodes.WrongType, $"'{path}' must be {shape}, not {node.KindName}");
                return [];
        }
    }
}
