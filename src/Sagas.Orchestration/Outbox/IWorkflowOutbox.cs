namespace Sagas.Orchestration.Outbox;

/// <summary>
/// Where the saga puts the commands and events it sends, found on the message's consume context.
/// On a node it is <see cref="WorkflowOutbox"/> (rows committed with the saga's state, sent after
/// the commit); the in-memory test harness puts one of its own there that sends once the saga is
/// done with the message. There is no other way out of the saga.
/// </summary>
public interface IWorkflowOutbox
{
    /// <summary>
    /// A command; <paramref name="answerWithin"/> is how long its receiver has (a step's timeout),
    /// so an outbox that delays sends can send it before then.
    /// </summary>
    void Send(Uri destination, object message, TimeSpan? answerWithin = null);

    void Publish(object message);
}
