using System.Text.Json.Nodes;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>
/// Screens an order or a customer. Its risk score grows with the amount (0.1 without one; above
/// 0.8 from 8,000), so the order sample's large orders wait for a person's approval.
/// </summary>
public sealed class FraudService(SampleOptions options, TimeProvider clock, SideEffectLedger ledger) : SampleService(options, clock, ledger)
{
    public override string Service => "fraud";

    protected override JsonObject Produce(StepRequest request) => new() { ["approved"] = true, ["score"] = ScoreOf(request.Input["amount"]) };

    private static double ScoreOf(JsonNode? amount) =>
        amount is JsonValue value && value.TryGetValue<double>(out var sum) ? Math.Round(Math.Clamp(sum / 10_000, 0.1, 0.99), 2) : 0.1;
}
