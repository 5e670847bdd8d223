namespace Sagas.Definitions.Model;

/// <summary>
/// A parsed <c>$.</c> path: <c>$.input[.field…]</c>, <c>$.steps.STEP.output[.field…]</c>,
/// <c>$.workflow.id</c>, or in a <c>for_each</c> step, <c>$.item[.field…]</c> and <c>$.index</c>.
/// Numeric path segments index into lists.
/// </summary>
public sealed record ValueReference(ReferenceSource Source, string? StepId, IReadOnlyList<string> Path, string Text)
{
    /// <summary>The prefix that marks a mapping value as a reference.</summary>
    public const string Prefix = "$.";

    /// <summary>A value starting with this is a literal that starts with <c>$.</c>.</summary>
    public const string EscapedPrefix = "$$.";

    public const string AcceptedForms = "$.input.FIELD, $.steps.STEP.output.FIELD, $.workflow.id, or in a for_each step $.item.FIELD and $.index";

    public static bool TryParse(string text, out ValueReference? reference, out string? error) =>
        TryParse(text[Prefix.Length..].Split('.'), text, out reference, out error);

    /// <summary>A reference from its parts after the <c>$.</c> (<c>input</c>, <c>amount</c>), as an expression's path names them.</summary>
    public static bool TryParse(string[] segments, string text, out ValueReference? reference, out string? error)
    {
        reference = null;
        error = null;
        if (segments.Any(string.IsNullOrWhiteSpace))
        {
            error = $"reference '{text}' has an empty segment; write {AcceptedForms}";
            return false;
        }

        switch (segments[0])
        {
            case "input":
                reference = new ValueReference(ReferenceSource.Input, null, segments[1..], text);
                return true;
            case "steps" when segments.Length >= 3 && segments[2] == "output":
                reference = new ValueReference(ReferenceSource.StepOutput, segments[1], segments[3..], text);
                return true;
            case "steps":
                error = $"reference '{text}' must name a step's output: $.steps.STEP.output[.FIELD]";
                return false;
            case "item":
                reference = new ValueReference(ReferenceSource.Item, null, segments[1..], text);
                return true;
            case "index" when segments.Length == 1:
                reference = new ValueReference(ReferenceSource.ItemIndex, null, [], text);
                return true;
            case "workflow" when segments is [_, "id"]:
                reference = new ValueReference(ReferenceSource.WorkflowId, null, [], text);
                return true;
            default:
                error = $"reference '{text}' is not one of {AcceptedForms}";
                return false;
        }
    }

    public override string ToString() => Text;
}

/// <summary>What a reference reads from.</summary>
public enum ReferenceSource
{
    Input,
    StepOutput,
    WorkflowId,

    /// <summary><c>$.item</c>: the item a <c>for_each</c> step's instance runs for.</summary>
    Item,

    /// <summary><c>$.index</c>: that item's place in the list, from 0.</summary>
    ItemIndex,
}
