using System.Threading.Channels;
using Sagas.Orchestration.Outbox;

namespace Sagas.Bench.Baselines;

/// <summary>
/// Deletes the baseline's sent outbox rows as the engine's outbox cleaner does: collected, and
/// deleted in one statement per 100 ms window, off the writers' path.
/// </summary>
internal sealed class SentRowCleaner : IAsyncDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);
    private readonly Channel<Guid> _sent = Channel.CreateUnbounded<Guid>();
    private readonly TimerTable _table;
    private readonly Task _deleting;

    public SentRowCleaner(string connectionString)
    {
        _table = new TimerTable(connectionString);
        _deleting = DeleteAsync();
    }

    public void Sent(Guid rowId) => _sent.Writer.TryWrite(rowId);

    public async ValueTask DisposeAsync()
    {
        _sent.Writer.Complete();
#pragma warning disable VSTHRD003 // the loop this instance started in its constructor
        await _deleting;
#pragma warning restore VSTHRD003
        await _table.DisposeAsync();
    }

    private async Task DeleteAsync()
    {
        using var tick = new PeriodicTimer(Window);
        var done = false;
        while (!done)
        {
            done = !await tick.WaitForNextTickAsync() || _sent.Reader.Completion.IsCompleted;
            var ids = new List<Guid>();
            while (_sent.Reader.TryRead(out var id))
            {
                ids.Add(id);
            }

            if (ids.Count > 0)
            {
                await _table.DeleteAsync(ids, CancellationToken.None);
            }
        }
    }
}
