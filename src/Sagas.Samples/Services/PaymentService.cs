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

    protected override JsonObject Undo(StepRequest request) => new() { ["refunded"] = Text(request, "paymentId") };
}
