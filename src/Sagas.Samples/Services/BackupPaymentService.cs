namespace Sagas.Samples.Services;

/// <summary>A second payment provider, the one the sample policies fail over to when <c>payment</c> is down.</summary>
public sealed class BackupPaymentService(SampleOptions options, TimeProvider clock, SideEffectLedger ledger) : PaymentService(options, clock, ledger)
{
    public override string Service => "payment-backup";

    protected override string IdPrefix => "bpay";
}
