namespace Sagas.Cli.Errors;

/// <summary>
/// <c>sagas errors replay QUEUE (MESSAGE-ID | --all)</c>: puts parked messages back on the queue
/// they came from, without the fault's headers, and takes them out of the parking queue.
/// </summary>
internal static class ReplayErrorsCommand
{
    public static Command Create(CliContext context)
    {
        var queue = new Argument<string>("queue") { Description = "The error or skipped queue" };
        var id = new Argument<string?>("message-id") { Description = "The message id, as 'sagas errors list' shows it", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Replay every message in the queue" };
        var json = new Option<bool>("--json") { Description = "Write what was replayed as JSON" };
        var command = new Command("replay", "Re-publish messages of an error or skipped queue to the queue they came from") { queue, id, all, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var parking = ErrorQueue.Require(parse.GetValue(queue));
            var messageId = parse.GetValue(id);
            var everything = parse.GetValue(all);
            if (messageId is null == !everything)
            {
                throw new UserErrorException(everything
                    ? "give a message id or --all, not both"
                    : $"give the id of the message to replay, or --all ('sagas errors list --queue {parking}' shows the ids)");
            }

            var replayed = await MessageReplayer.ReplayAsync(context.Settings.RabbitMq, parking, messageId, cancellationToken);
            if (messageId is not null && replayed.Count == 0)
            {
                throw new UserErrorException($"no message '{messageId}' in '{parking}' ('sagas errors list --queue {parking}' shows the ones there)");
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Output, replayed);
            }
            else if (replayed.Count == 0)
            {
                await context.Output.WriteLineAsync($"no messages in '{parking}'");
            }
            else
            {
                foreach (var message in replayed)
                {
                    await context.Output.WriteLineAsync($"replayed {message.Id} from {message.From} to {message.To}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
