using System.Text.Json.Nodes;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>Screens an order or a customer; always approves in the samples.</summary>
public sealed class FraudService(SampleOptions options, TimeProvider clock, SideEffectLedger ledger) : SampleService(options, clock, ledger)
{
    public override string Service => "fraud";

    protected override JsonObject Produce(StepRequest request) => new() { ["approved"] = true, ["score"] = 0.1 };
}
