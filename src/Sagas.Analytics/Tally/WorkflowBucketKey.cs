using Sagas.Analytics.Buckets;

namespace Sagas.Analytics.Tally;

/// <summary>One row of the definition stats: a definition's version within one bucket.</summary>
public sealed record WorkflowBucketKey(Granularity Granularity, DateTimeOffset BucketStart, string Definition, int Version);
