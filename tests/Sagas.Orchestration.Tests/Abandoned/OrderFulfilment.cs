using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;

namespace Sagas.Orchestration.Tests.Abandoned;

/// <summary>What the abandoned-attempt tests share: the charge's failover policies, and the steps after the charge.</summary>
internal static class OrderFulfilment
{
    /// <summary>One attempt per service, then the backup.</summary>
    public const string OneAttemptThenBackup = """
        orchestration:
          policies:
            - name: failover
              enabled: true
            - name: retry
              max_attempts: 1
          services:
            payment:
              alternates: [payment-backup]
            payment-backup: {}
        """;

    /// <summary>Completes the charge sent, then fraud, shipping and notification in turn.</summary>
    public static async Task CompleteFromChargeAsync(OrchestratorHarness harness, Guid id, ExecuteStep charge)
    {
        await harness.CompleteAsync(charge, new JsonObject { ["paymentId"] = $"bpay-{charge.Input["orderId"]}" });
        await harness.CompleteAsync(await harness.DispatchedAsync(id, "check-fraud"));
        await harness.CompleteAsync(await harness.DispatchedAsync(id, "ship"), new JsonObject { ["trackingNumber"] = "t-1" });
        await harness.CompleteAsync(await harness.DispatchedAsync(id, "notify"));
    }
}
