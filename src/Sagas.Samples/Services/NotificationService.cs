using System.Text.Json.Nodes;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>Tells a customer what happened.</summary>
public sealed class NotificationService(SampleOptions options, TimeProvider clock, SideEffectLedger ledger) : SampleService(options, clock, ledger)
{
    public override string Service => "notification";

    protected override JsonObject Produce(StepRequest request) => new() { ["sent"] = true, ["channel"] = Text(request, "channel") };
}
