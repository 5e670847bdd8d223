namespace Sagas.Orchestration.Outbox;

/// <summary>
/// A command or event the saga sends: its outbox row, and the message itself, kept so the node
/// that commits it can send it without reading the row back.
/// </summary>
internal sealed record OutgoingMessage(DurableTimer Row, object Message, Type MessageType);
