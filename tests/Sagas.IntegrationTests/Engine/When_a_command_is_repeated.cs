using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;
using Sagas.Samples.Services;

namespace Sagas.IntegrationTests.Engine;

/// <summary>Idempotency keys: every attempt of a step carries the same one, and the sample services record each side effect once under it.</summary>
[Collection(EngineCollection.Name)]
public sealed class When_a_command_is_repeated(EngineNode node) : IntegrationTest
{
    private StartClient _client = null!;
    private SideEffectLedger _ledger = null!;

    protected override IIntegrationFixture Fixture => node;

    protected override async Task ArrangeAsync()
    {
        _client = await StartClient.ConnectAsync();
        _ledger = new SideEffectLedger(node.Configuration["Sagas:Postgres:ConnectionString"]);
    }

    [Fact]
    public async Task Every_attempt_of_a_step_carries_the_same_key_and_the_effect_is_recorded_once()
    {
        var id = await _client.StartAsync("order-fulfilment", EngineNode.Order("k-1", simulate: new JsonObject { ["payment"] = "transient:2" }));
        Assert.Equal(WorkflowStatus.Completed, (await node.FinishedAsync(id)).Status);

        var charges = (await node.EventsAsync(id)).OfType<StepDispatched>().Where(e => e.StepId == "charge-payment").ToList();
        Assert.Equal([1, 2, 3], charges.Select(c => c.Attempt));
        Assert.All(charges, c => Assert.Equal($"{id:N}/charge-payment", c.IdempotencyKey));
        Assert.Equal(1, await _ledger.CountAsync($"{id:N}/charge-payment"));
    }

    [Fact]
    public async Task A_repeated_command_gets_the_recorded_result_and_does_not_repeat_the_effect()
    {
        var key = $"{Guid.NewGuid():N}/charge-payment";
        var done = 0;
        ValueTask<JsonObject> Charge(CancellationToken _)
        {
            Interlocked.Increment(ref done);
            return ValueTask.FromResult(new JsonObject { ["paymentId"] = $"pay-{done}" });
        }

        // Two deliveries at once (a redelivery racing the first), then a late third.
        var twins = await Task.WhenAll(
            _ledger.OnceAsync("payment", key, 1, Charge, CancellationToken.None),
            _ledger.OnceAsync("payment", key, 1, Charge, CancellationToken.None));
        var third = await _ledger.OnceAsync("payment", key, 2, Charge, CancellationToken.None);

        Assert.Equal(1, done);
        Assert.Equal(1, await _ledger.CountAsync(key));
        Assert.Equal(twins[0]!.ToJsonString(), twins[1]!.ToJsonString());
        Assert.Equal(twins[0]!.ToJsonString(), third!.ToJsonString());
    }

    public override async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _ledger.DisposeAsync();
    }
}
