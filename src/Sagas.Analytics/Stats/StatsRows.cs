using Sagas.Analytics.Tally;

namespace Sagas.Analytics.Stats;

/// <summary>One definition-stats row as read back.</summary>
public sealed record WorkflowRow(WorkflowBucketKey Key, WorkflowBucketDelta Counts);

/// <summary>One step-stats row as read back.</summary>
public sealed record StepRow(StepBucketKey Key, StepBucketDelta Counts);
