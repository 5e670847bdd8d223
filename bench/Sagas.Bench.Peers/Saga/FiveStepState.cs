using System.Text.Json.Nodes;
using MassTransit;

namespace Sagas.Bench.Peers.Saga;

/// <summary>One workflow of the peer: one Marten document, kept when it ends (a duplicate start finds it).</summary>
public sealed class FiveStepState : SagaStateMachineInstance
{
    /// <summary>The workflow id.</summary>
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = string.Empty;

    public string Definition { get; set; } = string.Empty;

    public JsonObject Input { get; set; } = [];

    /// <summary>The step whose result the workflow waits for, 1 to 5.</summary>
    public int Step { get; set; }
}
