using System.Text.Json.Nodes;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>Ships a reserved order.</summary>
public sealed class ShippingService(SampleOptions options, TimeProvider clock, SideEffectLedger ledger) : SampleService(options, clock, ledger)
{
    public override string Service => "shipping";

    protected override JsonObject Produce(StepRequest request) => new() { ["trackingNumber"] = $"trk-{Text(request, "orderId")}" };
}
