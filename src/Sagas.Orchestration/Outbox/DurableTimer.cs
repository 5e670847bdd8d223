using Marten.Schema;

namespace Sagas.Orchestration.Outbox;

/// <summary>
/// A message to send at a time, stored in PostgreSQL in the same transaction as the saga state
/// that scheduled it, and sent by a <see cref="TimerRelay"/>. The saga's outbox shares the table:
/// a command or event it sends is a row due at the end of a short lease, sent at once by the node
/// that committed it (which then deletes the row), and by the relay only if that node died first.
/// </summary>
[DocumentAlias("timer")]
public sealed class DurableTimer
{
    /// <summary>The scheduling token: MassTransit's <c>TokenId</c>, used to cancel the timer.</summary>
    public Guid Id { get; set; }

    public DateTimeOffset DueAt { get; set; }

    /// <summary>The workflow whose saga wrote it (set at commit), so the sweeper can tell which workflows have a timer left.</summary>
    public Guid? WorkflowId { get; set; }

    /// <summary>Where the message goes, as a MassTransit address (<c>queue:workflow-orchestrator</c>).</summary>
    public string Destination { get; set; } = string.Empty;

    /// <summary>The message's CLR type as <c>FullName, AssemblyName</c>.</summary>
    public string MessageType { get; set; } = string.Empty;

    /// <summary>The message as JSON (System.Text.Json, web defaults).</summary>
    public string Body { get; set; } = string.Empty;

    public DateTimeOffset ScheduledAt { get; set; }

    /// <summary>How the relay delivers it: a scheduled send (with its token), an outbox send or an outbox publish.</summary>
    public TimerDelivery Delivery { get; set; } = TimerDelivery.Scheduled;
}
