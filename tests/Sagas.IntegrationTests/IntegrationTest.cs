namespace Sagas.IntegrationTests;

/// <summary>
/// What every integration test class derives from: before each test its fixture wipes what a
/// test could see, then the test arranges what it needs. Before, not after: a failed run leaves
/// its state to look at.
/// </summary>
public abstract class IntegrationTest : IAsyncLifetime
{
    /// <summary>The services the class runs on (its node, or a vhost and database of its own).</summary>
    protected abstract IIntegrationFixture Fixture { get; }

    public async Task InitializeAsync()
    {
        await Fixture.WipeAsync();
        await ArrangeAsync();
    }

    /// <summary>What each test needs once the data is wiped (a client, a queue to read from).</summary>
    protected virtual Task ArrangeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
