namespace Sagas.Orchestration.Workflows;

/// <summary>Each service has one shared queue, named after it, and each of its instances one of its own; step commands are sent there.</summary>
public static class ServiceQueue
{
    public static Uri Address(string service) => new($"queue:{service}");

    /// <summary>
    /// One instance's own queue, through the exchange bound to it: sending to the queue would
    /// declare it, and the instance declared it with arguments of its own (a message TTL that hands
    /// its steps back to its endpoint, an expiry), which a plain declare would contradict.
    /// </summary>
    public static Uri InstanceAddress(string queue) => new($"exchange:{queue}");

    /// <summary>Where a dispatched step goes: its instance's queue, else its endpoint's or its service's.</summary>
    public static Uri Of(string service, string? endpoint, string? instance) =>
        instance is not null ? InstanceAddress(instance) : Address(endpoint ?? service);
}
