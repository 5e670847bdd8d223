namespace Sagas.Workers;

/// <summary>
/// Where and when a worker ran one attempt: stamped on its result, so analytics can tell the
/// queue wait (dispatched to started) from the execution (started to ended), per node and queue.
/// </summary>
public sealed record AttemptRun(DateTimeOffset StartedAt, DateTimeOffset EndedAt, string Node, string Endpoint);
