namespace Sagas.Contracts;

/// <summary>
/// Names on the broker that clients in any language rely on; changing one breaks them.
/// </summary>
public static class BrokerNames
{
    /// <summary>
    /// The durable fanout exchange a client publishes plain-JSON start messages to, and the
    /// durable queue of the same name bound to it, which holds starts until a node consumes them.
    /// </summary>
    public const string StartWorkflow = "start-workflow";
}
