namespace Sagas.Cli.Errors;

/// <summary>A parked message put back on the queue it came from.</summary>
internal sealed record ReplayedMessage(string Id, string From, string To);
