using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Sagas.Bench.Observation;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Orchestration;
using Sagas.Orchestration.Admission;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Outbox;
using Sagas.Orchestration.Persistence;
using Sagas.Orchestration.Workflows;

namespace Sagas.Bench.Baselines;

/// <summary>
/// Marten alone, writing a step the way the engine does: each lane (as many as the saga endpoint
/// handles messages at once, then twice that; the better counts) loads its saga document through the engine's batched loader,
/// records the step's result and the next step's dispatch, and commits through the engine's
/// group commit (<see cref="WorkflowCommitter"/>, same concurrency and batch size), with the
/// same rows: the document with its version check, the two events, the
/// next step's timeout timer armed and the last one's deleted, the command's outbox row; sent
/// outbox rows are deleted in one statement per 100 ms, as the outbox cleaner does. So the bound
/// it gives is what the database allows the engine's own writes: a ceiling, not a floor.
/// </summary>
internal static class MartenBaseline
{
    public static async Task<double> TransactionsPerSecondAsync(BenchSettings settings, int count)
    {
        using var store = DocumentStore.For(options => WorkflowStore.Configure(options, settings.PostgresConnectionString));
        var options = new OrchestrationOptions();
        // The saga endpoint's concurrency, and twice it: group commit gains from more writers at
        // once, and the bound must be the most the database allows, not what one setting gets.
        int[] lanes = settings.Quick ? [settings.PrefetchCount] : [settings.PrefetchCount, settings.PrefetchCount * 2];
        var ids = Enumerable.Range(0, lanes.Max()).Select(_ => Guid.CreateVersion7()).ToArray();
        foreach (var id in ids)
        {
            await using var session = store.LightweightSession();
            var state = new WorkflowState();
            state.Record(new WorkflowStarted { WorkflowId = id, Definition = "baseline", Version = 1, DefinitionHash = "baseline", Input = [], StartedAt = DateTimeOffset.UtcNow });
            session.Insert(state);
            session.Events.StartStream<WorkflowState>(id, [.. state.PendingEvents]);
            await session.SaveChangesAsync();
        }

        await using var loader = new WorkflowLoader(store, options);
        await using var committer = new WorkflowCommitter(store, options, new AdmissionSignal());
        await using var cleaner = new SentRowCleaner(settings.PostgresConnectionString);

        // Rounds of a tenth more, untimed, first: schema checks, connection pool and JIT (this
        // process's: it is the one running the engine's code here) warm up outside the measure.
        await WarmUp.RunAsync(settings, "transaction", async () =>
        {
            await RunAsync(loader, committer, cleaner, ids[..lanes[0]], count / 10);
            return count / 10;
        }, Environment.ProcessId);

        var best = 0.0;
        foreach (var lanesAtOnce in lanes)
        {
            var clock = Stopwatch.StartNew();
            await RunAsync(loader, committer, cleaner, ids[..lanesAtOnce], count);
            var perSecond = count / clock.Elapsed.TotalSeconds;
            Console.WriteLine($"  marten baseline: {perSecond:F0} transactions/s with {lanesAtOnce} lanes");
            best = Math.Max(best, perSecond);
        }

        return best;
    }

    private static async Task RunAsync(WorkflowLoader loader, WorkflowCommitter committer, SentRowCleaner cleaner, Guid[] ids, int count)
    {
        var parallelism = ids.Length;
        await Task.WhenAll(ids.Select(async (id, lane) =>
        {
            Guid? lastTimeout = null;
            for (var i = lane; i < count; i += parallelism)
            {
                var (state, version) = (await loader.LoadAsync(id))!;
                var now = DateTimeOffset.UtcNow;
                var next = $"s{i + 1}";
                state.Record(new StepCompleted { WorkflowId = id, StepId = $"s{i}", Attempt = 1, Output = new JsonObject(), CompletedAt = now, Service = "noop" });
                var dispatched = new StepDispatched
                {
                    WorkflowId = id,
                    StepId = next,
                    Attempt = 1,
                    Service = "noop",
                    Input = [],
                    DispatchedAt = now,
                    IdempotencyKey = IdempotencyKeys.ForStep(id, next, 1),
                    Timeout = TimeSpan.FromMinutes(5),
                };
                state.Record(dispatched);

                var schedule = new PendingSchedule();
                if (lastTimeout is { } earlier)
                {
                    schedule.Cancel(earlier);
                }

                var timeout = Row(TimerDelivery.Scheduled, now + TimeSpan.FromMinutes(5), new StepTimeoutElapsed { WorkflowId = id, StepId = next, Attempt = 1 });
                var command = new ExecuteStep
                {
                    WorkflowId = id,
                    StepId = next,
                    Attempt = 1,
                    Service = "noop",
                    Input = [],
                    Definition = "baseline",
                    DispatchedAt = now,
                    IdempotencyKey = dispatched.IdempotencyKey,
                };
                var outbox = Row(TimerDelivery.Send, now + TimeSpan.FromSeconds(10), command);
                schedule.Arm(timeout);
                schedule.Enqueue(new OutgoingMessage(outbox, command, typeof(ExecuteStep)));
                await committer.CommitAsync(WorkflowWrite.ForExisting(state, version, schedule));
                cleaner.Sent(outbox.Id);
                lastTimeout = timeout.Id;
            }
        }));
    }

    private static DurableTimer Row<T>(TimerDelivery delivery, DateTimeOffset dueAt, T message) => new()
    {
        Id = Guid.CreateVersion7(),
        DueAt = dueAt,
        Destination = "queue:noop",
        MessageType = DurableScheduleMessageProvider.TypeName(typeof(T)),
        Body = JsonSerializer.Serialize(message, typeof(T), DurableScheduleMessageProvider.BodyFormat),
        ScheduledAt = DateTimeOffset.UtcNow,
        Delivery = delivery,
    };
}
