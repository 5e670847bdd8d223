using Sagas.Analytics.Buckets;

namespace Sagas.Analytics.Tally;

/// <summary>
/// One row of the step stats: a step of a definition's version, on one service, endpoint and node,
/// within one bucket. Facts known before a worker answers (dispatches, retries, timeouts) have no
/// node (<see cref="NoNode"/>).
/// </summary>
public sealed record StepBucketKey(
    Granularity Granularity, DateTimeOffset BucketStart, string Definition, int Version, string Step, string Service, string Endpoint, string Node)
{
    public const string NoNode = "";
}
