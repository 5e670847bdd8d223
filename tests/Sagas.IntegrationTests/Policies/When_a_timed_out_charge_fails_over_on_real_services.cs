using System.Text.Json.Nodes;
using Sagas.Contracts.Events;
using Sagas.IntegrationTests.Engine;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;
using Sagas.Samples.Services;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Policies;

/// <summary>A node of its own: the payment circuit must not have been opened by another test's failures.</summary>
public sealed class AbandonedChargeNode : PolicyNode
{
    protected override string VirtualHost => "sagas-test-abandoned";

    protected override string Database => "sagas_test_abandoned";
}

/// <summary>
/// The defect that charged customers twice: payment charges and its answer never comes, the
/// charge fails over to the backup, which charges too. The saga refunds the first charge by its
/// key on payment, so exactly one charge stands.
/// </summary>
public sealed class When_a_timed_out_charge_fails_over_on_real_services(AbandonedChargeNode node) : IntegrationTest, IClassFixture<AbandonedChargeNode>
{
    private StartClient _client = null!;
    private SideEffectLedger _ledger = null!;

    protected override IIntegrationFixture Fixture => node;

    protected override async Task ArrangeAsync()
    {
        _client = await StartClient.ConnectAsync("sagas-test-abandoned");
        _ledger = new SideEffectLedger(node.Configuration["Sagas:Postgres:ConnectionString"]);
    }

    [Fact]
    public async Task The_charge_on_the_service_it_left_is_refunded_and_one_charge_stands()
    {
        // Both attempts on payment charge (one effect: they share the key) and never answer.
        var id = await _client.StartAsync("quick-charge", new JsonObject
        {
            ["orderId"] = "a-1",
            ["amount"] = 25,
            ["simulate"] = new JsonObject { ["payment"] = "done-then-hang:2" },
        });

        var state = await node.FinishedAsync(id);
        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal("bpay-a-1", state.Output!["paymentId"]!.GetValue<string>());
        Assert.Empty(state.CompensatedSteps);
        var key = $"{id:N}/charge";
        var events = await Eventually.Until(() => node.EventsAsync(id), recorded => recorded.OfType<StepCompensated>().Any(), TimeSpan.FromSeconds(30),
            "the refund of the abandoned charge to be answered");
        var undone = Assert.Single(events.OfType<StepCompensated>());
        var decided = Assert.Single(events.OfType<AbandonedAttemptCompensated>());
        Assert.Equal(("charge", "payment", 2), (decided.StepId, decided.Service, decided.Attempt));
        Assert.True(undone.MaybeCompleted);
        Assert.Equal("pay-a-1", undone.Output!["refunded"]!.GetValue<string>());
        Assert.Equal(["charge on payment"], (await Eventually.Until(() => node.ViewAsync(id), view => view!.AbandonedUndone.Count > 0, TimeSpan.FromSeconds(10),
            "the status view to show the undone charge"))!.AbandonedUndone);
        Assert.True(await _ledger.IsUndoneAsync(key, "payment"));
        Assert.False(await _ledger.IsUndoneAsync(key, "payment-backup"));
        // Two charges were taken, one on each provider, and one refund: of the one on payment.
        Assert.Equal(2, await _ledger.CountAsync(key));
        Assert.Equal(1, await _ledger.CountAsync($"{key}/undo@payment"));
    }

    public override async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _ledger.DisposeAsync();
    }
}
