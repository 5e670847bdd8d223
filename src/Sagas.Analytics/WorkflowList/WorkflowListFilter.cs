using Sagas.Orchestration.Workflows;

namespace Sagas.Analytics.WorkflowList;

/// <summary>
/// Which workflows a list shows: every condition given must hold. Pages go back in time: the next
/// page is the one started before the last row shown (<see cref="StartedBefore"/>).
/// </summary>
public sealed record WorkflowListFilter
{
    /// <summary>The most rows one page holds, so that a careless query cannot pull a million documents.</summary>
    public const int MostRows = 1000;

    public WorkflowStatus? Status { get; init; }

    public string? Definition { get; init; }

    /// <summary>Started at or after this.</summary>
    public DateTimeOffset? StartedSince { get; init; }

    /// <summary>Started strictly before this: where the next page begins.</summary>
    public DateTimeOffset? StartedBefore { get; init; }

    public int Limit { get; init; } = 20;
}
