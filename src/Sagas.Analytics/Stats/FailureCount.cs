namespace Sagas.Analytics.Stats;

/// <summary>How often one reason was given.</summary>
public sealed record FailureCount(string Reason, long Count);
