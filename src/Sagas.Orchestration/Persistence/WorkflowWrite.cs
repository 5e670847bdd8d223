using Marten;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Persistence;

/// <summary>
/// What one message changed in one workflow: its saga document and the events it recorded.
/// It carries the version the document was loaded at, so it can be committed in any session
/// (see <see cref="WorkflowCommitter"/>) and still lose to a concurrent writer.
/// </summary>
internal sealed class WorkflowWrite
{
    private WorkflowWrite(WorkflowState state, object[] events, Guid? loadedVersion)
    {
        State = state;
        Events = events;
        LoadedVersion = loadedVersion;
    }

    public WorkflowState State { get; }

    public IReadOnlyList<object> Events { get; }

    /// <summary>Null for a new workflow, whose document is inserted and whose stream is started.</summary>
    public Guid? LoadedVersion { get; }

    /// <summary>A new workflow: a twin started at the same moment fails on the document's key.</summary>
    public static WorkflowWrite ForNew(WorkflowState state) => new(state, TakeRecorded(state), loadedVersion: null);

    public static WorkflowWrite ForExisting(WorkflowState state, Guid loadedVersion) => new(state, TakeRecorded(state), loadedVersion);

    public void ApplyTo(IDocumentSession session)
    {
        if (LoadedVersion is { } version)
        {
            session.UpdateExpectedVersion(State, version);
            session.Events.Append(State.CorrelationId, Events);
        }
        else
        {
            session.Insert(State);
            session.Events.StartStream<WorkflowState>(State.CorrelationId, Events);
        }
    }

    // Taken off the state before the commit: if it fails, the message is retried from a fresh load.
    private static object[] TakeRecorded(WorkflowState state)
    {
        var events = state.PendingEvents.ToArray();
        state.PendingEvents.Clear();
        return events;
    }
}
