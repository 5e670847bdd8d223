namespace Sagas.Bench.Peers.Wolverine.Broker;

/// <summary>
/// The exchange MassTransit publishes a message type to, <c>Namespace:Name</c>: the worker
/// publishes step results there, and the bench's listener hears workflow outcomes there.
/// </summary>
public static class MassTransitNames
{
    public static string ExchangeOf<T>() => $"{typeof(T).Namespace}:{typeof(T).Name}";
}
