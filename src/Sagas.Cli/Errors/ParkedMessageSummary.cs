namespace Sagas.Cli.Errors;

/// <summary>One row of <c>sagas errors list</c>: which message, why it was parked, and where it came from.</summary>
internal sealed record ParkedMessageSummary(string Queue, int Position, string Id, string Type, string? Reason, string? FaultedAt, string From);
