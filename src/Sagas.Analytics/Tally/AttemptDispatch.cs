namespace Sagas.Analytics.Tally;

/// <summary>Where an attempt went and when: its service, the queue it was sent to, and the time it left.</summary>
public sealed record AttemptDispatch(string Service, string Endpoint, DateTimeOffset DispatchedAt);
