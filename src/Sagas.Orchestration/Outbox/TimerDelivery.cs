using System.Text.Json.Serialization;

namespace Sagas.Orchestration.Outbox;

/// <summary>How a stored message leaves: as a timer firing, or as the saga outbox's command or event.</summary>
/// <remarks>By name, as Marten stores it, so the relay's own reading of a row agrees.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<TimerDelivery>))]
public enum TimerDelivery
{
    /// <summary>A timer: sent to <see cref="DurableTimer.Destination"/> carrying MassTransit's scheduling token.</summary>
    Scheduled,

    /// <summary>An outbox command: sent to <see cref="DurableTimer.Destination"/>.</summary>
    Send,

    /// <summary>An outbox event: published, <see cref="DurableTimer.Destination"/> unused.</summary>
    Publish,
}
