using System.Text.Json.Nodes;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>Charges an order's amount against its reservation.</summary>
public class PaymentService(SampleOptions options, TimeProvider clock, SideEffectLedger ledger) : SampleService(options, clock, ledger)
{
    public override string Service => "payment";

    /// <summary>Prefix of the payment ids this provider issues.</summary>
    protected virtual string IdPrefix => "pay";

    protected override JsonObject Produce(StepRequest request) => new()
    {
        ["paymentId"] = $"{IdPrefix}-{Text(request, "orderId")}",
        ["provider"] = Service,
        ["charged"] = request.Input["amount"]?.DeepClone(),
    };

    /// <summary>Refunds the charge recorded under the step's key: its payment id is the ledger's, so a charge whose answer never came is refunded too.</summary>
    protected override JsonObject Undo(StepRequest request, JsonObject effect) => new() { ["refunded"] = effect["paymentId"]?.ToString() ?? Text(request, "paymentId") };
}
