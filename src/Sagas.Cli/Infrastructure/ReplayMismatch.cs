namespace Sagas.Cli.Infrastructure;

/// <summary>A workflow whose stream does not rebuild to the state its saga holds, and the parts that differ.</summary>
internal sealed record ReplayMismatch(Guid WorkflowId, int Events, IReadOnlyList<string> Differences);
