using System.Text.Json.Nodes;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>Gift-wraps an order's parcel: a step the order sample runs only when the order asks for it (<c>when:</c>).</summary>
public sealed class WrappingService(SampleOptions options, TimeProvider clock, SideEffectLedger ledger) : SampleService(options, clock, ledger)
{
    public override string Service => "wrapping";

    protected override JsonObject Produce(StepRequest request) => new() { ["wrapped"] = true, ["paper"] = Text(request, "paper") };
}
