using System.Text.Json.Nodes;
using Marten;
using Sagas.IntegrationTests.Engine;
using Sagas.Orchestration.Workflows;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Analytics;

/// <summary>Sample orders for the analytics tests: started through the broker, awaited through their saga documents.</summary>
internal static class Orders
{
    /// <summary>Completions, declined charges (compensated) and a charge that fails once and is retried.</summary>
    public static async Task<IReadOnlyList<Guid>> StartMixedAsync(StartClient client, int completing)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < completing; i++)
        {
            ids.Add(await client.StartAsync("order-fulfilment", Order($"ok-{i}")));
        }

        ids.Add(await client.StartAsync("order-fulfilment", Order("declined-1", new JsonObject { ["payment"] = "fail" })));
        ids.Add(await client.StartAsync("order-fulfilment", Order("declined-2", new JsonObject { ["payment"] = "fail" })));
        ids.Add(await client.StartAsync("order-fulfilment", Order("retried", new JsonObject { ["payment"] = "transient:1" })));
        return ids;
    }

    public static JsonObject Order(string orderId, JsonObject? simulate = null)
    {
        var input = new JsonObject { ["orderId"] = orderId, ["amount"] = 10 };
        if (simulate is not null)
        {
            input["simulate"] = simulate;
        }

        return input;
    }

    public static Task EndedAsync(AnalyticsServices services, IReadOnlyList<Guid> ids, NodeProcess node) =>
        Eventually.Until(
            async () =>
            {
                await using var session = services.Store.QuerySession();
                return await session.Query<WorkflowState>().Where(w => w.CorrelationId.IsOneOf(ids.ToArray())).ToListAsync();
            },
            states => states.Count == ids.Count && states.All(s => s.IsTerminal),
            TimeSpan.FromSeconds(60),
            "every workflow to end",
            states => $"{string.Join(", ", states.Select(s => s.Status))}; the node said:{Environment.NewLine}{node.Output}");
}
