using System.Text.Json.Nodes;
using Sagas.Samples.Services;

namespace Sagas.IntegrationTests.Engine;

/// <summary>
/// The worker contract for undoing by key, as the sample ledger keeps it in PostgreSQL: an undo
/// finds the effect by its key and service, undoing one that never happened does nothing, an
/// undone key is tombstoned so a command of it that comes later does nothing, and an undo is done once.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class When_an_effect_is_undone(EngineNode node) : IntegrationTest
{
    private SideEffectLedger _ledger = null!;
    private int _charges;
    private int _refunds;

    protected override IIntegrationFixture Fixture => node;

    protected override Task ArrangeAsync()
    {
        _ledger = new SideEffectLedger(node.Configuration["Sagas:Postgres:ConnectionString"]);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_undo_gets_the_recorded_effect_and_a_repeat_of_it_refunds_nothing_more()
    {
        var key = NewKey();
        await _ledger.OnceAsync("payment", key, 1, ChargeAsync, CancellationToken.None);

        var first = await UndoAsync(key, attempt: 1);
        var repeat = await UndoAsync(key, attempt: 2);

        Assert.Equal((1, 1), (_charges, _refunds));
        Assert.Equal("pay-1", first["refunded"]!.GetValue<string>());
        Assert.Equal(first.ToJsonString(), repeat.ToJsonString());
        Assert.True(await _ledger.IsUndoneAsync(key, "payment"));
    }

    [Fact]
    public async Task Undoing_an_effect_that_never_happened_succeeds_and_does_nothing()
    {
        var key = NewKey();

        var output = await UndoAsync(key, attempt: 1);

        Assert.Equal(0, _refunds);
        Assert.False(output["undone"]!.GetValue<bool>());
        Assert.True(await _ledger.IsUndoneAsync(key, "payment"));
    }

    [Fact]
    public async Task A_command_requeued_after_its_undo_does_nothing()
    {
        var key = NewKey();
        await UndoAsync(key, attempt: 1);

        var late = await _ledger.OnceAsync("payment", key, 1, ChargeAsync, CancellationToken.None);

        Assert.Null(late);
        Assert.Equal(0, _charges);
        // Only the undo's own record: no charge under the key.
        Assert.Equal(1, await _ledger.CountAsync(key + "/undo@payment"));
        Assert.Equal(0, await _ledger.CountAsync(key));
    }

    [Fact]
    public async Task A_charge_and_its_undo_racing_take_turns_and_no_charge_stands_unrefunded()
    {
        var key = NewKey();

        Task[] racing = [_ledger.OnceAsync("payment", key, 1, ChargeAsync, CancellationToken.None), UndoAsync(key, attempt: 1)];
        await Task.WhenAll(racing);

        // Either the charge came first and was refunded, or the undo came first and the charge did nothing.
        Assert.Equal(_charges, _refunds);
    }

    public override async Task DisposeAsync() => await _ledger.DisposeAsync();

    private static string NewKey() => $"{Guid.NewGuid():N}/charge-payment";

    private ValueTask<JsonObject> ChargeAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new JsonObject { ["paymentId"] = $"pay-{Interlocked.Increment(ref _charges)}" });

    private Task<JsonObject> UndoAsync(string key, int attempt) =>
        _ledger.UndoAsync("payment", key, "payment-compensation", key + "/undo@payment", attempt, (effect, _) =>
        {
            Interlocked.Increment(ref _refunds);
            return ValueTask.FromResult(new JsonObject { ["refunded"] = effect["paymentId"]!.DeepClone() });
        }, CancellationToken.None);
}
