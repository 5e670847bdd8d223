namespace Sagas.Analytics.Tally;

/// <summary>
/// What the stats need to know of one workflow to place its later events: its definition, when it
/// started, and where and when each attempt (and each undo) was dispatched. Read from its own
/// earlier events, never from the saga document, so a rebuild places every event exactly as the
/// live projection did.
/// </summary>
public sealed class RunFacts(string definition, int version, DateTimeOffset startedAt)
{
    private readonly Dictionary<(string Step, int Attempt), AttemptDispatch> _dispatches = [];
    private readonly Dictionary<string, string> _compensatingServices = [];

    public string Definition { get; } = definition;

    public int Version { get; } = version;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public void Dispatched(string step, int attempt, AttemptDispatch dispatch) => _dispatches[(step, attempt)] = dispatch;

    public AttemptDispatch? DispatchOf(string step, int attempt) => _dispatches.GetValueOrDefault((step, attempt));

    /// <summary>The dispatch of the latest attempt before <paramref name="attempt"/>: where a step was before it moved.</summary>
    public AttemptDispatch? DispatchBefore(string step, int attempt) => _dispatches
        .Where(d => d.Key.Step == step && d.Key.Attempt < attempt)
        .OrderByDescending(d => d.Key.Attempt)
        .Select(d => d.Value)
        .FirstOrDefault();

    public void CompensationDispatched(string step, string service) => _compensatingServices[step] = service;

    public string? CompensatingServiceOf(string step) => _compensatingServices.GetValueOrDefault(step);
}
