using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Sagas.Orchestration.Workflows;

/// <summary>
/// Which step attempt an admission ticket holds a place for, written <c>WORKFLOW/STEP/ATTEMPT</c>
/// as the ticket's id (a step id has no slash).
/// </summary>
public readonly record struct AdmissionTicketId(Guid WorkflowId, string StepId, int Attempt)
{
    private const char Separator = '/';

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{WorkflowId}{Separator}{StepId}{Separator}{Attempt}");

    /// <summary>True for a ticket of this step of this workflow, whatever its attempt.</summary>
    public bool IsFor(Guid workflowId, string stepId) => WorkflowId == workflowId && StepId == stepId;

    /// <summary>Reads an id as <see cref="ToString"/> writes it; anything else is a <see cref="FormatException"/>.</summary>
    public static AdmissionTicketId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not an admission ticket id (WORKFLOW/STEP/ATTEMPT)");

    public static bool TryParse([NotNullWhen(true)] string? text, out AdmissionTicketId id)
    {
        id = default;
        var first = text?.IndexOf(Separator) ?? -1;
        var last = text?.LastIndexOf(Separator) ?? -1;
        if (text is null || first <= 0 || last <= first + 1
            || !Guid.TryParse(text.AsSpan(0, first), out var workflowId)
            || !int.TryParse(text.AsSpan(last + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt))
        {
            return false;
        }

        id = new AdmissionTicketId(workflowId, text[(first + 1)..last], attempt);
        return true;
    }
}
