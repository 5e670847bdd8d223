using JasperFx;
using Sagas.Orchestration;
using Sagas.Orchestration.Admission;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Persistence;
using Sagas.Orchestration.Workflows;

// The writes are started first and awaited later on purpose: they must share a batch.
#pragma warning disable VSTHRD003

namespace Sagas.IntegrationTests.Engine;

/// <summary>
/// The group commit on real PostgreSQL: writes of many workflows share a transaction, and a stale
/// write among them fails alone, on its version, while the others commit.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class When_saga_writes_share_a_transaction(EngineNode node) : IntegrationTest
{
    private readonly OrchestrationOptions _options = new() { CommitConcurrency = 1, MaxWorkflowsPerCommit = 64 };

    protected override IIntegrationFixture Fixture => node;

    [Fact]
    public async Task A_stale_write_loses_on_its_version_and_the_others_in_its_batch_commit()
    {
        await using var committer = new WorkflowCommitter(node.Store, _options, new AdmissionSignal());
        await using var loader = new WorkflowLoader(node.Store, _options);
        var ids = Enumerable.Range(0, 20).Select(_ => Guid.CreateVersion7()).ToArray();
        await Task.WhenAll(ids.Select(id => committer.CommitAsync(WorkflowWrite.ForNew(Started(id)))));

        // Two copies of the first workflow, loaded at the same version; the first to commit wins.
        var winner = (await loader.LoadAsync(ids[0]))!;
        var loser = (await loader.LoadAsync(ids[0]))!;
        Assert.NotSame(winner.State, loser.State);
        winner.State.Record(Dispatched(ids[0], "winner"));
        await committer.CommitAsync(WorkflowWrite.ForExisting(winner.State, winner.Version));

        var others = await Task.WhenAll(ids.Skip(1).Select(loader.LoadAsync));
        var writes = new List<Task>();
        loser.State.Record(Dispatched(ids[0], "loser"));
        writes.Add(committer.CommitAsync(WorkflowWrite.ForExisting(loser.State, loser.Version)));
        foreach (var other in others)
        {
            other!.State.Record(Dispatched(other.State.CorrelationId, "s1"));
            writes.Add(committer.CommitAsync(WorkflowWrite.ForExisting(other.State, other.Version)));
        }

        var stale = writes[0];
        await Assert.ThrowsAnyAsync<ConcurrencyException>(async () => await stale);
        await Task.WhenAll(writes.Skip(1));

        var first = await node.EventsAsync(ids[0]);
        Assert.Equal(["winner"], first.OfType<StepDispatched>().Select(e => e.StepId));
        foreach (var id in ids.Skip(1))
        {
            Assert.Equal(["s1"], (await node.EventsAsync(id)).OfType<StepDispatched>().Select(e => e.StepId));
        }
    }

    [Fact]
    public async Task A_second_start_of_the_same_workflow_fails_and_the_first_stands()
    {
        await using var committer = new WorkflowCommitter(node.Store, _options, new AdmissionSignal());
        var id = Guid.CreateVersion7();
        await committer.CommitAsync(WorkflowWrite.ForNew(Started(id)));

        var twin = committer.CommitAsync(WorkflowWrite.ForNew(Started(id)));

        await Assert.ThrowsAnyAsync<Exception>(async () => await twin);
        Assert.Single((await node.EventsAsync(id)).OfType<WorkflowStarted>());
    }

    [Fact]
    public async Task A_commit_gives_the_version_postgres_holds_and_a_kept_copy_another_node_moved_on_loses_on_it()
    {
        await using var committer = new WorkflowCommitter(node.Store, _options, new AdmissionSignal());
        await using var loader = new WorkflowLoader(node.Store, _options);
        var (here, there) = (new WorkflowCache(_options), new WorkflowCache(_options));
        here.OtherOrchestratorsSeen(0);
        there.OtherOrchestratorsSeen(0);
        var id = Guid.CreateVersion7();
        var started = Started(id);
        here.Keep(started, await committer.CommitAsync(WorkflowWrite.ForNew(started)));

        // The next write of the workflow from the kept copy, at the version its commit gave.
        var kept = here.TryTake(id)!;
        Assert.Equal((await loader.LoadAsync(id))!.Version, kept.Version);
        kept.State.Record(Dispatched(id, "s1"));
        var afterS1 = await committer.CommitAsync(WorkflowWrite.ForExisting(kept.State, kept.Version));
        Assert.NotEqual(kept.Version, afterS1);
        Assert.Equal((await loader.LoadAsync(id))!.Version, afterS1);
        here.Keep(kept.State, afterS1);

        // Another node reads and moves the workflow on; this node's copy is now a step behind.
        var read = (await loader.LoadAsync(id))!;
        read.State.Record(Dispatched(id, "s2"));
        there.Keep(read.State, await committer.CommitAsync(WorkflowWrite.ForExisting(read.State, read.Version)));

        var behind = here.TryTake(id)!;
        behind.State.Record(Dispatched(id, "s2-from-a-stale-copy"));
        await Assert.ThrowsAnyAsync<ConcurrencyException>(() => committer.CommitAsync(WorkflowWrite.ForExisting(behind.State, behind.Version)));
        Assert.Equal(["s1", "s2"], (await node.EventsAsync(id)).OfType<StepDispatched>().Select(e => e.StepId));
    }

    private static WorkflowState Started(Guid id)
    {
        var state = new WorkflowState();
        state.Record(new WorkflowStarted { WorkflowId = id, Definition = "test", Version = 1, DefinitionHash = "test", Input = [], StartedAt = DateTimeOffset.UtcNow });
        return state;
    }

    private static StepDispatched Dispatched(Guid id, string step) =>
        new() { WorkflowId = id, StepId = step, Attempt = 1, Service = "noop", Input = [], DispatchedAt = DateTimeOffset.UtcNow };
}
