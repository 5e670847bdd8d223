using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Persistence;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Persistence;

/// <summary>The cache of committed saga documents: taken out by one message, kept again only after a commit, bounded.</summary>
public sealed class When_a_node_keeps_what_it_committed
{
    [Fact]
    public void A_kept_state_is_taken_once_with_its_version_and_marked_as_cached()
    {
        var cache = Alone(new OrchestrationOptions());
        var state = Started();
        var version = Guid.NewGuid();

        cache.Keep(state, version);
        var taken = cache.TryTake(state.CorrelationId);

        Assert.NotNull(taken);
        Assert.Same(state, taken.State);
        Assert.Equal(version, taken.Version);
        Assert.True(taken.FromCache);
        // Taken means owned: a second message, or a retry, reads PostgreSQL.
        Assert.Null(cache.TryTake(state.CorrelationId));
    }

    [Fact]
    public void Keeping_again_replaces_the_version()
    {
        var cache = Alone(new OrchestrationOptions());
        var state = Started();

        cache.Keep(state, Guid.NewGuid());
        var later = Guid.NewGuid();
        cache.Keep(state, later);

        Assert.Equal(later, cache.TryTake(state.CorrelationId)!.Version);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_workflow_that_has_ended_is_not_kept_and_its_entry_goes()
    {
        var cache = Alone(new OrchestrationOptions());
        var state = Started();
        cache.Keep(state, Guid.NewGuid());

        state.Record(new WorkflowCompleted { WorkflowId = state.CorrelationId, Definition = "test", Version = 1, CompletedAt = DateTimeOffset.UtcNow });
        state.TakeRecorded();
        cache.Keep(state, Guid.NewGuid());

        Assert.Null(cache.TryTake(state.CorrelationId));
    }

    [Fact]
    public void Past_its_capacity_the_oldest_kept_go_first()
    {
        var cache = Alone(new OrchestrationOptions { CachedWorkflows = 3 });
        var states = Enumerable.Range(0, 5).Select(_ => Started()).ToList();

        foreach (var state in states)
        {
            cache.Keep(state, Guid.NewGuid());
        }

        Assert.Equal(3, cache.Count);
        Assert.Null(cache.TryTake(states[0].CorrelationId));
        Assert.Null(cache.TryTake(states[1].CorrelationId));
        Assert.All(states.Skip(2), s => Assert.NotNull(cache.TryTake(s.CorrelationId)));
    }

    [Fact]
    public void A_state_kept_again_counts_as_kept_last()
    {
        var cache = Alone(new OrchestrationOptions { CachedWorkflows = 2 });
        var (first, second, third) = (Started(), Started(), Started());

        cache.Keep(first, Guid.NewGuid());
        cache.Keep(second, Guid.NewGuid());
        cache.Keep(first, Guid.NewGuid());
        cache.Keep(third, Guid.NewGuid());

        Assert.Null(cache.TryTake(second.CorrelationId));
        Assert.NotNull(cache.TryTake(first.CorrelationId));
        Assert.NotNull(cache.TryTake(third.CorrelationId));
    }

    [Fact]
    public void Taking_and_keeping_many_times_leaves_no_more_than_its_capacity_behind()
    {
        var cache = Alone(new OrchestrationOptions { CachedWorkflows = 4 });
        var states = Enumerable.Range(0, 10).Select(_ => Started()).ToList();

        for (var round = 0; round < 1_000; round++)
        {
            var state = states[round % states.Count];
            cache.TryTake(state.CorrelationId);
            cache.Keep(state, Guid.NewGuid());
            Assert.True(cache.Count <= 4, $"{cache.Count} entries after round {round}");
        }
    }

    [Fact]
    public void With_no_capacity_nothing_is_kept()
    {
        var cache = Alone(new OrchestrationOptions { CachedWorkflows = 0 });
        var state = Started();

        cache.Keep(state, Guid.NewGuid());

        Assert.Null(cache.TryTake(state.CorrelationId));
    }

    [Fact]
    public void A_negative_capacity_is_refused_by_name()
    {
        var problems = new OrchestrationOptions { CachedWorkflows = -1 }.Problems();

        Assert.Contains(problems, p => p.StartsWith("Sagas:Orchestration:CachedWorkflows must be 0 or more", StringComparison.Ordinal));
    }

    [Fact]
    public void It_is_off_until_the_registry_says_this_node_is_the_only_orchestrator()
    {
        var cache = new WorkflowCache(new OrchestrationOptions());
        var state = Started();

        cache.Keep(state, Guid.NewGuid());

        Assert.False(cache.InUse);
        Assert.Null(cache.TryTake(state.CorrelationId));
    }

    [Fact]
    public void Another_orchestrator_empties_it_and_keeps_it_off_until_it_is_gone()
    {
        var cache = Alone(new OrchestrationOptions());
        var (kept, later) = (Started(), Started());
        cache.Keep(kept, Guid.NewGuid());

        cache.OtherOrchestratorsSeen(1);
        cache.Keep(later, Guid.NewGuid());

        Assert.False(cache.InUse);
        Assert.Null(cache.TryTake(kept.CorrelationId));
        Assert.Null(cache.TryTake(later.CorrelationId));

        cache.OtherOrchestratorsSeen(0);
        cache.Keep(later, Guid.NewGuid());
        Assert.NotNull(cache.TryTake(later.CorrelationId));
    }

    private static WorkflowCache Alone(OrchestrationOptions options)
    {
        var cache = new WorkflowCache(options);
        cache.OtherOrchestratorsSeen(0);
        return cache;
    }

    private static WorkflowState Started()
    {
        var state = new WorkflowState();
        var id = Guid.CreateVersion7();
        state.Record(new WorkflowStarted { WorkflowId = id, Definition = "test", Version = 1, DefinitionHash = "test", Input = [], StartedAt = DateTimeOffset.UtcNow });
        state.TakeRecorded();
        return state;
    }
}
