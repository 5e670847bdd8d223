using System.Text.Json.Nodes;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>Charges an order's amount against its reservation.</summary>
public sealed class PaymentService(SampleOptions options, TimeProvider clock) : SampleService(options, clock)
{
    public override string Service => "payment";

    protected override JsonObject Produce(StepRequest request) => new()
    {
        ["paymentId"] = $"pay-{Text(request, "orderId")}",
        ["charged"] = request.Input["amount"]?.DeepClone(),
    };

    protected override JsonObject Undo(StepRequest request) => new() { ["refunded"] = Text(request, "paymentId") };
}
