namespace Sagas.Definitions.Model;

/// <summary>
/// A step's <c>for_each:</c>: the expression whose list the step runs over, one instance per item
/// (<c>$.item</c>, <c>$.index</c>), at most <see cref="MaxParallel"/> at a time, and what a failed
/// item does to the rest. Expanded once, when the step is ready, and recorded.
/// </summary>
public sealed record StepForEach(StepCondition Items, int MaxParallel, ItemFailure OnItemFailure)
{
    /// <summary>At most this many instances run at once unless <c>max_parallel</c> says otherwise.</summary>
    public const int DefaultMaxParallel = 10;

    /// <summary>A list longer than this fails the step: one run's stream and state hold every item.</summary>
    public const int MaxItems = 1000;
}

/// <summary>What a failed item (after its retries) does: fail the step and the run, or be listed and let the rest go on.</summary>
public enum ItemFailure
{
    Fail,
    Continue,
}
