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

    /// <summary>
    /// The durable fanout exchange a client publishes plain-JSON signals to
    /// (<c>{"workflowId": "…", "name": "approve", "data": {…}}</c>), and the durable queue of the
    /// same name bound to it.
    /// </summary>
    public const string WorkflowSignal = "workflow-signal";

    /// <summary>
    /// The orchestrators' queue: every message for a running workflow (results, timers, an
    /// operator's cancel or retry) goes here, and any orchestrator node takes it.
    /// </summary>
    public const string Orchestrator = "workflow-orchestrator";
}
