using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
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
/// Marten alone, writing a step the way the engine does: each lane (one per message the saga
/// endpoint handles at once) loads its saga document through the engine's batched loader,
/// records the step's result and the next step's dispatch, and commits through the engine's
/// group commit (<see cref="WorkflowCommitter"/>, same concurrency and batch size), with the
/// same rows: the document with its version check, the two events, the inline status view, the
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
        var ids = Enumerable.Range(0, settings.PrefetchCount).Select(_ => Guid.CreateVersion7()).ToArray();
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

        // A tenth more, untimed, first: schema checks, connection pool and JIT warm up outside the measure.
        await RunAsync(loader, committer, cleaner, ids, count / 10);
        var clock = Stopwatch.StartNew();
        await RunAsync(loader, committer, cleaner, ids, count);
        return count / clock.Elapsed.TotalSeconds;
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
