namespace Sagas.Definitions.Model;

/// <summary>
/// How a step joins its dependencies (<c>join:</c>), which matters once one of them is skipped.
/// </summary>
public enum StepJoin
{
    /// <summary><c>all</c>, the default: runs once every dependency has completed; skipped when one was skipped.</summary>
    All,

    /// <summary><c>all_done</c>: runs once every dependency has completed or was skipped (skipped when all were).</summary>
    AllDone,

    /// <summary><c>any</c>: runs once one dependency has completed; skipped when all were skipped.</summary>
    Any,
}
