using System.Text.Json.Nodes;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>Reserves stock for an order, or for one line of it (a <c>sku</c>: the order sample's <c>for_each</c>).</summary>
public sealed class InventoryService(SampleOptions options, TimeProvider clock, SideEffectLedger ledger) : SampleService(options, clock, ledger)
{
    public override string Service => "inventory";

    protected override JsonObject Produce(StepRequest request) => new()
    {
        ["reservationId"] = request.Input["sku"] is { } sku ? $"res-{Text(request, "orderId")}-{sku}" : $"res-{Text(request, "orderId")}",
    };

    protected override JsonObject Undo(StepRequest request, JsonObject effect) => new() { ["released"] = effect["reservationId"]?.ToString() ?? Text(request, "reservationId") };
}
