namespace Sagas.Cli.Workflows;

/// <summary>
/// <c>sagas start --ids-file FILE</c>: each started workflow's id appended to FILE, one a line,
/// as the broker confirms its start, so a script knows exactly which workflows it started
/// (and one stopped part way still has the ids of the starts that were taken).
/// </summary>
internal sealed class IdsFile : IAsyncDisposable
{
    private readonly StreamWriter? _writer;

    private IdsFile(StreamWriter? writer) => _writer = writer;

    /// <summary>Opens <paramref name="path"/> for appending; null for no file.</summary>
    public static IdsFile Open(string? path)
    {
        if (path is null)
        {
            return new IdsFile(null);
        }

        try
        {
            return new IdsFile(new StreamWriter(path, append: true) { AutoFlush = true });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"--ids-file '{path}' cannot be written: {e.Message}");
        }
    }

    public async Task AppendAsync(Orchestration.Starting.StartWorkflowRequest request)
    {
        if (_writer is not null)
        {
            await _writer.WriteLineAsync(request.WorkflowId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }
    }
}
