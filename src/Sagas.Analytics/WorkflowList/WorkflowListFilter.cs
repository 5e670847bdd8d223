using Sagas.Orchestration.Workflows;

namespace Sagas.Analytics.WorkflowList;

/// <summary>
/// Which workflows a list shows: every condition given must hold. Pages go back in time: the next
/// page is the one after the last row shown (<see cref="After"/>).
/// </summary>
public sealed record WorkflowListFilter
{
    /// <summary>The most rows one page holds, so that a careless query cannot pull a million documents.</summary>
    public const int MostRows = 1000;

    public WorkflowStatus? Status { get; init; }

    public string? Definition { get; init; }

    /// <summary>Started at or after this.</summary>
    public DateTimeOffset? StartedSince { get; init; }

    /// <summary>
    /// The last workflow of the page before: this page holds those listed after it (started
    /// earlier, or at the same moment with a lower id), so rows that share a start are never skipped.
    /// </summary>
    public Guid? After { get; init; }

    /// <summary>Searchable input fields and the value each must hold (<see cref="SearchKeys"/>).</summary>
    public IReadOnlyList<(string Field, string Value)> Where { get; init; } = [];

    public int Limit { get; init; } = 20;
}
