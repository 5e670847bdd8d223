namespace Sagas.Analytics.Buckets;

/// <summary>How wide a stats bucket is. Every event is counted in one of each, so hours need no roll-up job.</summary>
public enum Granularity
{
    Minute,
    Hour,
}
