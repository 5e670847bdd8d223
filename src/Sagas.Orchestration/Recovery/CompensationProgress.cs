namespace Sagas.Orchestration.Recovery;

/// <summary>What compensation planning needs to know of a workflow, as sets of step ids.</summary>
/// <param name="Completed">Steps that completed.</param>
/// <param name="Running">Steps dispatched and not finished.</param>
/// <param name="Compensated">Steps undone.</param>
/// <param name="Compensating">Steps whose compensation is out, or waiting to be tried again.</param>
public sealed record CompensationProgress(
    IReadOnlySet<string> Completed,
    IReadOnlySet<string> Running,
    IReadOnlySet<string> Compensated,
    IReadOnlySet<string> Compensating);
