namespace Sagas.Samples.Services;

/// <summary>The payment provider for European orders: the order sample's <c>switch:</c> chooses it by <c>region</c>.</summary>
public sealed class EuropePaymentService(SampleOptions options, TimeProvider clock, SideEffectLedger ledger) : PaymentService(options, clock, ledger)
{
    public override string Service => "payment-eu";

    protected override string IdPrefix => "eupay";
}
