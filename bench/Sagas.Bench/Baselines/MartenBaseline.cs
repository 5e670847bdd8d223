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
/// handles messages at once, then twice that; the better counts) takes workflows of five steps in
/// turn, and for each step takes the workflow's saga document from the engine's cache of the
/// documents it committed (<see cref="WorkflowCache"/>) or loads it through its batched loader,
/// records the step's result and the next step's dispatch (after the fifth, the workflow's end),
/// and commits through the engine's group commit (<see cref="WorkflowCommitter"/>, same concurrency
/// and batch size), with the same rows: the document with its version check, the events, the next
/// step's timeout timer armed and the last one's deleted, the command's (or the end's) outbox
/// row; sent outbox rows are deleted in one statement per 100 ms, as the outbox cleaner does. So
/// the bound it gives is what the database allows the engine's own writes: a ceiling, not a floor.
/// </summary>
/// <remarks>
/// Until 2026-12-01 each lane wrote all its steps into one document, which grew past anything a
/// run of <c>linear-5</c> writes (hundreds of routes and outputs, compressed on every update):
/// the bound measured heavier writes than the engine's. The workflows are started before the
/// clock runs, so the bound leaves out the start's transaction and stays a ceiling.
/// </remarks>
internal static class MartenBaseline
{
    private const int StepsPerWorkflow = 5;

    public static async Task<double> TransactionsPerSecondAsync(BenchSettings settings, int count)
    {
        using var store = DocumentStore.For(options => WorkflowStore.Configure(options, settings.PostgresConnectionString));
        var options = new OrchestrationOptions();
        // The saga endpoint's concurrency, and twice it: group commit gains from more writers at
        // once, and the bound must be the most the database allows, not what one setting gets.
        int[] lanes = settings.Quick ? [settings.PrefetchCount] : [settings.PrefetchCount, settings.PrefetchCount * 2];
        await using var loader = new WorkflowLoader(store, options);
        var cache = new WorkflowCache(options);
        cache.OtherOrchestratorsSeen(0); // as on a lone orchestrator, the bench's case
        await using var committer = new WorkflowCommitter(store, options, new AdmissionSignal());
        await using var cleaner = new SentRowCleaner(settings.PostgresConnectionString);

        // Rounds of a tenth more, untimed, first: schema checks, connection pool and JIT (this
        // process's: it is the one running the engine's code here) warm up outside the measure.
        await WarmUp.RunAsync(settings, "transaction", async () =>
        {
            var workflows = await StartAsync(committer, cache, count / 10);
            await RunAsync(loader, cache, committer, cleaner, workflows, lanes[0]);
            return workflows.Count * StepsPerWorkflow;
        }, Environment.ProcessId);

        var best = 0.0;
        foreach (var lanesAtOnce in lanes)
        {
            var workflows = await StartAsync(committer, cache, count);
            var clock = Stopwatch.StartNew();
            await RunAsync(loader, cache, committer, cleaner, workflows, lanesAtOnce);
            var perSecond = workflows.Count * StepsPerWorkflow / clock.Elapsed.TotalSeconds;
            Console.WriteLine($"  marten baseline: {perSecond:F0} transactions/s with {lanesAtOnce} lanes");
            best = Math.Max(best, perSecond);
        }

        return best;
    }

    /// <summary>Enough started workflows, each with its first step dispatched, for <paramref name="steps"/> step writes.</summary>
    private static async Task<IReadOnlyList<Started>> StartAsync(WorkflowCommitter committer, WorkflowCache cache, int steps)
    {
        var workflows = Enumerable.Range(0, Math.Max(1, steps / StepsPerWorkflow)).Select(_ => Guid.CreateVersion7()).ToArray();
        var started = new List<Started>();
        foreach (var chunk in workflows.Chunk(64))
        {
            started.AddRange(await Task.WhenAll(chunk.Select(async id =>
            {
                var state = new WorkflowState();
                state.Record(new WorkflowStarted { WorkflowId = id, Definition = "baseline", Version = 1, DefinitionHash = "baseline", Input = [], StartedAt = DateTimeOffset.UtcNow });
                var schedule = new PendingSchedule();
                var timeout = Dispatch(state, schedule, "s1");
                cache.Keep(state, await committer.CommitAsync(WorkflowWrite.ForNew(state, schedule)));
                return new Started(id, timeout);
            })));
        }

        return started;
    }

    private static async Task RunAsync(WorkflowLoader loader, WorkflowCache cache, WorkflowCommitter committer, SentRowCleaner cleaner, IReadOnlyList<Started> workflows, int lanes)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, lanes).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var index && index < workflows.Count)
            {
                var (id, lastTimeout) = workflows[index];
                for (var step = 1; step <= StepsPerWorkflow; step++)
                {
                    var (state, version, _) = (cache.TryTake(id) ?? await loader.LoadAsync(id))!;
                    var now = DateTimeOffset.UtcNow;
                    state.Record(new StepCompleted { WorkflowId = id, StepId = $"s{step}", Attempt = 1, Output = new JsonObject(), CompletedAt = now, Service = "noop" });
                    var schedule = new PendingSchedule();
                    schedule.Cancel(lastTimeout);
                    if (step < StepsPerWorkflow)
                    {
                        lastTimeout = Dispatch(state, schedule, $"s{step + 1}");
                    }
                    else
                    {
                        End(state, schedule);
                    }

                    cache.Keep(state, await committer.CommitAsync(WorkflowWrite.ForExisting(state, version, schedule)));
                    cleaner.Sent(schedule.Outgoing[0].Row.Id);
                }
            }
        }));
    }

    /// <summary>Records a step's dispatch as the engine does: the event, the step's timeout armed, the command in the outbox.</summary>
    private static Guid Dispatch(WorkflowState state, PendingSchedule schedule, string stepId)
    {
        var id = state.CorrelationId;
        var now = DateTimeOffset.UtcNow;
        var dispatched = new StepDispatched
        {
            WorkflowId = id,
            StepId = stepId,
            Attempt = 1,
            Service = "noop",
            Input = [],
            DispatchedAt = now,
            IdempotencyKey = IdempotencyKeys.ForStep(id, stepId, 1),
            Timeout = TimeSpan.FromMinutes(5),
        };
        state.Record(dispatched);
        var timeout = Row(TimerDelivery.Scheduled, now + TimeSpan.FromMinutes(5), new StepTimeoutElapsed { WorkflowId = id, StepId = stepId, Attempt = 1 });
        var command = new ExecuteStep
        {
            WorkflowId = id,
            StepId = stepId,
            Attempt = 1,
            Service = "noop",
            Input = [],
            Definition = "baseline",
            DispatchedAt = now,
            IdempotencyKey = dispatched.IdempotencyKey,
        };
        schedule.Arm(timeout);
        schedule.Enqueue(new OutgoingMessage(Row(TimerDelivery.Send, now + TimeSpan.FromSeconds(10), command), command, typeof(ExecuteStep)));
        return timeout.Id;
    }

    /// <summary>The last step's write: the workflow's end, recorded and published through the outbox.</summary>
    private static void End(WorkflowState state, PendingSchedule schedule)
    {
        var now = DateTimeOffset.UtcNow;
        var completed = new WorkflowCompleted { WorkflowId = state.CorrelationId, Definition = "baseline", Version = 1, CompletedAt = now };
        state.Record(completed);
        schedule.Enqueue(new OutgoingMessage(Row(TimerDelivery.Publish, now + TimeSpan.FromSeconds(10), completed), completed, typeof(WorkflowCompleted)));
    }

    private sealed record Started(Guid Id, Guid Timeout);

    private static DurableTimer Row<T>(TimerDelivery delivery, DateTimeOffset dueAt, T message) => new()
    {
        Id = Guid.CreateVersion7(),
        DueAt = dueAt,
        Destination = delivery == TimerDelivery.Publish ? string.Empty : "queue:noop",
        MessageType = DurableScheduleMessageProvider.TypeName(typeof(T)),
        Body = JsonSerializer.Serialize(message, typeof(T), DurableScheduleMessageProvider.BodyFormat),
        ScheduledAt = DateTimeOffset.UtcNow,
        Delivery = delivery,
    };
}
