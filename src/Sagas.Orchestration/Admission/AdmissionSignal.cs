namespace Sagas.Orchestration.Admission;

/// <summary>
/// Wakes this node's admission relay when a commit took or gave back a ticket, so a step waits
/// for a slot, not for the next poll. Polling stays for what other nodes commit.
/// </summary>
public sealed class AdmissionSignal
{
    private readonly SemaphoreSlim _raised = new(0, 1);

    public void Raise()
    {
        // At most one pending wake-up: a pass admits everything that waits.
        if (_raised.CurrentCount == 0)
        {
            try
            {
                _raised.Release();
            }
            catch (SemaphoreFullException)
            {
                // Raised by another thread in between: one wake-up is enough.
            }
        }
    }

    /// <summary>Completes when raised, or after <paramref name="poll"/>; false when stopping.</summary>
    public async Task<bool> WaitAsync(TimeSpan poll, CancellationToken stoppingToken)
    {
        try
        {
            await _raised.WaitAsync(poll, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
