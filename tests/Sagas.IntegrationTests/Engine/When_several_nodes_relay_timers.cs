using System.Collections.Concurrent;
using Sagas.Contracts.Commands;
using Sagas.Orchestration.Outbox;
using Sagas.Orchestration.Persistence;

namespace Sagas.IntegrationTests.Engine;

/// <summary>A database of the relay test's own, so no running node relays its timers too.</summary>
public sealed class RelayDatabase() : OwnServices(null, "sagas_test_relay");

/// <summary>
/// Three relays (as on three orchestrator nodes) polling one timer table at once: every due
/// timer is sent exactly once, and each row is gone once sent.
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

    // Yields as a send to the broker would, so the relays interleave while their rows are locked.
    private static async Task Sent(ConcurrentBag<Guid> sent, DurableTimer timer)
    {
        sent.Add(timer.Id);
        await Task.Yield();
    }
}
