using System.Text.Json.Nodes;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>Opens a customer account.</summary>
public sealed class AccountsService(SampleOptions options, TimeProvider clock, SideEffectLedger ledger) : SampleService(options, clock, ledger)
{
    public override string Service => "accounts";

    protected override JsonObject Produce(StepRequest request) => new() { ["accountId"] = $"acc-{Text(request, "customerId")}" };
}
