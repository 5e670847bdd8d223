namespace Sagas.IntegrationTests;

/// <summary>Services an integration test class runs on, which can wipe what one test could leave for the next.</summary>
public interface IIntegrationFixture
{
    /// <summary>
    /// Empties its database (event streams, and every document: workflow states and views,
    /// timers and outbox rows, admission tickets, node views) and its broker's parked messages.
    /// </summary>
    Task WipeAsync();
}
