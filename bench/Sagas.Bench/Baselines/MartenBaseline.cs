using System.Diagnostics;
using System.Text.Json.Nodes;
using Marten;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Persistence;
using Sagas.Orchestration.Workflows;

namespace Sagas.Bench.Baselines;

/// <summary>
/// Marten alone: one step's worth of work per transaction, as the saga repository does it (load
/// the saga document, update it with its version check, append the step's two events, inline
/// status projection included), with the endpoint's parallelism: transactions/s.
/// </summary>
internal static class MartenBaseline
{
    public static async Task<double> TransactionsPerSecondAsync(BenchSettings settings, int count)
    {
        using var store = DocumentStore.For(options => WorkflowStore.Configure(options, settings.PostgresConnectionString));
        var parallelism = settings.PrefetchCount;
        var ids = Enumerable.Range(0, parallelism).Select(_ => Guid.CreateVersion7()).ToArray();
        foreach (var id in ids)
        {
            await using var session = store.LightweightSession();
            var state = new WorkflowState();
            state.Record(new WorkflowStarted { WorkflowId = id, Definition = "baseline", Version = 1, DefinitionHash = "baseline", Input = [], StartedAt = DateTimeOffset.UtcNow });
            session.Insert(state);
            session.Events.StartStream<WorkflowState>(id, [.. state.PendingEvents]);
            await session.SaveChangesAsync();
        }

        // A tenth more, untimed, first: schema checks, connection pool and JIT warm up outside the measure.
        await RunAsync(store, ids, count / 10);
        var clock = Stopwatch.StartNew();
        await RunAsync(store, ids, count);
        return count / clock.Elapsed.TotalSeconds;
    }

    private static async Task RunAsync(DocumentStore store, Guid[] ids, int count)
    {
        var parallelism = ids.Length;
        await Task.WhenAll(ids.Select(async (id, lane) =>
        {
            for (var i = lane; i < count; i += parallelism)
            {
                await using var session = store.LightweightSession();
                var state = (await session.LoadAsync<WorkflowState>(id))!;
                var step = $"s{i}";
                state.Record(new StepDispatched { WorkflowId = id, StepId = step, Attempt = 1, Service = "noop", Input = [], DispatchedAt = DateTimeOffset.UtcNow });
                state.Record(new StepCompleted { WorkflowId = id, StepId = step, Attempt = 1, Output = new JsonObject(), CompletedAt = DateTimeOffset.UtcNow });
                session.Update(state);
                session.Events.Append(id, [.. state.PendingEvents]);
                await session.SaveChangesAsync();
            }
        }));
    }
}
