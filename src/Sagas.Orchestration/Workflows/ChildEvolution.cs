using Sagas.Orchestration.Journal;

namespace Sagas.Orchestration.Workflows;

/// <summary>What a parent's undo does to a child run: a completed child undoes itself for its parent, and answers it when done.</summary>
public static class ChildEvolution
{
    public static void Apply(UndoRequested e, WorkflowState state) =>
        state.UndoingForParent |= e.StatusThen == nameof(WorkflowStatus.Completed);
}
