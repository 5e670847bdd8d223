using System.Text.Json.Nodes;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>Reserves stock for an order.</summary>
public sealed class InventoryService(SampleOptions options, TimeProvider clock, SideEffectLedger ledger) : SampleService(options, clock, ledger)
{
    public override string Service => "inventory";

    protected override JsonObject Produce(StepRequest request) => new() { ["reservationId"] = $"res-{Text(request, "orderId")}" };

    protected override JsonObject Undo(StepRequest request, JsonObject effect) => new() { ["released"] = effect["reservationId"]?.ToString() ?? Text(request, "reservationId") };
}
