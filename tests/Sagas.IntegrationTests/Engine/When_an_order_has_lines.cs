using System.Text.Json.Nodes;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.IntegrationTests.Engine;

/// <summary>The order sample's <c>for_each</c> on real services: each line reserved as its own step, and released on its own when the order is undone.</summary>
[Collection(EngineCollection.Name)]
public sealed class When_an_order_has_lines(EngineNode node) : IntegrationTest
{
    protected override IIntegrationFixture Fixture => node;

    [Fact]
    public async Task Each_line_is_reserved_as_its_own_step_and_the_reservations_are_gathered_in_order()
    {
        var id = await StartAsync("lines-1", null, "A-1", "B-2", "C-3");

        Assert.Equal(WorkflowStatus.Completed, (await node.FinishedAsync(id)).Status);
        var events = await node.EventsAsync(id);
        Assert.Equal(3, events.OfType<ItemsExpanded>().Single().Items.Count);
        Assert.Equal(
            ["reserve-lines[0]", "reserve-lines[1]", "reserve-lines[2]"],
            events.OfType<StepCompleted>().Select(c => c.StepId).Where(s => s.StartsWith("reserve-lines", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var gathered = events.OfType<ItemsGathered>().Single().Output;
        Assert.Equal(["res-lines-1-A-1", "res-lines-1-B-2", "res-lines-1-C-3"], gathered["items"]!.AsArray().Select(i => i!["reservationId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task When_the_order_is_undone_each_line_is_released_with_its_own_reservation()
    {
        var id = await StartAsync("lines-2", new JsonObject { ["shipping"] = "permanent" }, "A-1", "B-2");

        Assert.Equal(WorkflowStatus.Compensated, (await node.FinishedAsync(id)).Status);
        var released = (await node.EventsAsync(id)).OfType<StepCompensated>()
            .Where(c => c.StepId.StartsWith("reserve-lines", StringComparison.Ordinal))
            .ToDictionary(c => c.StepId, c => c.Output!["released"]!.GetValue<string>());
        Assert.Equal(new Dictionary<string, string> { ["reserve-lines[0]"] = "res-lines-2-A-1", ["reserve-lines[1]"] = "res-lines-2-B-2" }, released);
    }

    private async Task<Guid> StartAsync(string orderId, JsonObject? simulate, params string[] skus)
    {
        await using var client = await StartClient.ConnectAsync();
        var input = EngineNode.Order(orderId, simulate: simulate);
        input["lines"] = new JsonArray([.. skus.Select(sku => (JsonNode)new JsonObject { ["sku"] = sku, ["quantity"] = 1 })]);
        return await client.StartAsync("order-fulfilment", input);
    }
}
