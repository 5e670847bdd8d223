using System.Text.Json.Nodes;

namespace Sagas.Definitions.Model;

/// <summary>
/// One instance of a <c>for_each</c> step: the item it runs for and its place in the list. Its own
/// step id is <c>PARENT[INDEX]</c> (<see cref="IdOf"/>), on the wire and in the stream, so each item
/// has its own attempts, timers, idempotency key and compensation.
/// </summary>
public sealed record StepItem(string Parent, int Index, JsonNode? Value)
{
    public static string IdOf(string parent, int index) => $"{parent}[{index}]";

    /// <summary>The parent step and index of an item's step id; false for a step's own id (which holds no '[').</summary>
    public static bool TryParse(string stepId, out string parent, out int index)
    {
        (parent, index) = (stepId, -1);
        var open = stepId.LastIndexOf('[');
        if (open <= 0 || !stepId.EndsWith(']') || !int.TryParse(stepId.AsSpan(open + 1, stepId.Length - open - 2), out index) || index < 0)
        {
            return false;
        }

        parent = stepId[..open];
        return true;
    }
}
