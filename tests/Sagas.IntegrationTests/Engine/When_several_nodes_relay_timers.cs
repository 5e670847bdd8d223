using System.Collections.Concurrent;
using Sagas.Contracts.Commands;
using Sagas.Orchestration.Outbox;
using Sagas.Orchestration.Persistence;

namespace Sagas.IntegrationTests.Engine;

/// <summary>A database of the relay test's own, so no running node relays its timers too.</summary>
public sealed class RelayDatabase() : OwnServices(null, "sagas_test_relay");

/// <summary>
/// Three relays (as on three orchestrator nodes) polling one timer table at once: every due
/// timer is sent exactly once, and each row is gone once sent; and one destination that hangs
/// does not hold back the rows of the others.
/// </summary>
public sealed class When_several_nodes_relay_timers(RelayDatabase database) : IntegrationTest, IClassFixture<RelayDatabase>
{
    private const int Timers = 600;

    protected override IIntegrationFixture Fixture => database;

    [Fact]
    public async Task Each_due_timer_is_sent_once()
    {
        var due = DateTimeOffset.UtcNow.AddSeconds(-1);
        await using (var session = database.Store.LightweightSession())
        {
            for (var i = 0; i < Timers; i++)
            {
                var message = new RetryStep { WorkflowId = Guid.NewGuid(), StepId = $"s{i}", Attempt = 2 };
                session.Insert(new DurableTimer
                {
                    Id = Guid.NewGuid(),
                    DueAt = due,
                    Destination = "queue:nowhere",
                    MessageType = typeof(RetryStep).AssemblyQualifiedName!,
                    Body = System.Text.Json.JsonSerializer.Serialize(message),
                    ScheduledAt = due,
                });
            }

            await session.SaveChangesAsync();
        }

        var sent = new ConcurrentBag<Guid>();
        var relays = Enumerable.Range(0, 3).Select(_ => new TimerTable(database.ConnectionString)).ToList();
        await Task.WhenAll(relays.Select(relay => Task.Run(async () =>
        {
            // Small batches, so the three take turns on the same rows for a while.
            while (await relay.RelayDueAsync(DateTimeOffset.UtcNow, 25, timer => Sent(sent, timer), (_, _) => false, CancellationToken.None) > 0)
            {
            }
        })));

        Assert.Equal(Timers, sent.Count);
        Assert.Equal(Timers, sent.Distinct().Count());
        Assert.Equal(0, await relays[0].CountAsync());
        foreach (var relay in relays)
        {
            await relay.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_destination_whose_send_hangs_does_not_hold_back_the_others()
    {
        var due = DateTimeOffset.UtcNow.AddSeconds(-1);
        var stuck = Timer("queue:stuck", due.AddSeconds(-1));
        var fine = Timer("queue:fine", due);
        await using (var session = database.Store.LightweightSession())
        {
            session.Insert(stuck, fine);
            await session.SaveChangesAsync();
        }

        // The stuck row is due first; its send returns only once the fine one has gone. Sent one
        // after the other, it would give up after the bound and be postponed.
        var fineSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var relay = new TimerTable(database.ConnectionString);
        var postponed = new List<string>();
        await relay.RelayDueAsync(DateTimeOffset.UtcNow, 10, async timer =>
        {
            if (timer.Destination == "queue:fine")
            {
                fineSent.SetResult();
                return;
            }

            await fineSent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }, (timer, _) =>
        {
            postponed.Add(timer.Destination);
            return true;
        }, CancellationToken.None);

        Assert.Empty(postponed);
        Assert.Equal(0, await relay.CountAsync());
    }

    private static DurableTimer Timer(string destination, DateTimeOffset dueAt) => new()
    {
        Id = Guid.NewGuid(),
        DueAt = dueAt,
        Destination = destination,
        MessageType = typeof(RetryStep).AssemblyQualifiedName!,
        Body = System.Text.Json.JsonSerializer.Serialize(new RetryStep { WorkflowId = Guid.NewGuid(), StepId = "s", Attempt = 2 }),
        ScheduledAt = dueAt,
    };

    // Yields as a send to the broker would, so the relays interleave while their rows are locked.
    private static async Task Sent(ConcurrentBag<Guid> sent, DurableTimer timer)
    {
        sent.Add(timer.Id);
        await Task.Yield();
    }
}
