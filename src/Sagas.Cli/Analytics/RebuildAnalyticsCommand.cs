namespace Sagas.Cli.Analytics;

/// <summary>
/// <c>sagas analytics rebuild [--timeout SECONDS]</c>: the orchestrator that runs the analytics
/// projection empties its tables and projects every event again; this waits until it has.
/// </summary>
internal static class RebuildAnalyticsCommand
{
    // A running orchestrator looks for requests every few seconds (Sagas:Analytics:CheckInterval).
    private static readonly TimeSpan TakenWithin = TimeSpan.FromSeconds(30);

    public static Command Create(CliContext context)
    {
        var timeout = new Option<int>("--timeout") { Description = "How long to wait for the rebuild to finish, in seconds", DefaultValueFactory = _ => 600 };
        var command = new Command("rebuild", "Rebuild every analytics view from the workflow streams") { timeout };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var requests = new RebuildRequests(context.Settings.Postgres);
            var request = await requests.FileAsync(cancellationToken);
            var taken = await requests.FollowAsync(request.Id, r => r.StartedAt is not null, TakenWithin, cancellationToken);
            if (taken.StartedAt is null)
            {
                try
                {
                    await requests.WithdrawAsync(taken, cancellationToken);
                }
                catch (JasperFx.ConcurrencyException)
                {
                    // Taken just now after all: follow it.
                    taken = await requests.FollowAsync(request.Id, r => r.StartedAt is not null, TakenWithin, cancellationToken);
                }

                if (taken.StartedAt is null)
                {
                    throw new UserErrorException(
                        $"no orchestrator took the rebuild within {TakenWithin.TotalSeconds:0} s: none runs the analytics projection ('sagas nodes' lists the nodes); the request was withdrawn");
                }
            }

            await context.Output.WriteLineAsync($"rebuilding on {taken.Node} …");
            var ended = await requests.FollowAsync(request.Id, r => r.CompletedAt is not null || r.Error is not null, TimeSpan.FromSeconds(parse.GetValue(timeout)), cancellationToken);
            if (ended.Error is { } error)
            {
                throw new UserErrorException($"the rebuild on {ended.Node} failed: {error}");
            }

            if (ended.CompletedAt is not { } completed)
            {
                throw new UserErrorException($"the rebuild on {ended.Node} has not finished after {parse.GetValue(timeout)} s; it goes on, and 'sagas stats' shows its progress as lag");
            }

            await context.Output.WriteLineAsync(
                $"rebuilt the analytics through event {ended.ThroughEvent} on {ended.Node} in {(completed - ended.StartedAt!.Value).TotalSeconds:F1} s");
            return ExitCodes.Success;
        });
        return command;
    }
}
