namespace Sagas.Cli.Errors;

/// <summary><c>sagas errors show QUEUE MESSAGE-ID</c>: one parked message in full, left where it is.</summary>
internal static class ShowErrorCommand
{
    public static Command Create(CliContext context)
    {
        var queue = new Argument<string>("queue") { Description = "The error or skipped queue" };
        var id = new Argument<string>("message-id") { Description = "The message id, as 'sagas errors list' shows it" };
        var json = new Option<bool>("--json") { Description = "Write the message as JSON" };
        var command = new Command("show", "Show a message of an error or skipped queue: headers, properties and body") { queue, id, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var parking = ErrorQueue.Require(parse.GetValue(queue));
            var messageId = parse.GetValue(id)!;
            var rabbit = context.Settings.RabbitMq;
            uint depth;
            await using (var connection = await BrokerConnection.OpenAsync(rabbit, "sagas errors show", cancellationToken))
            {
                depth = await ParkingQueueDepth.OfAsync(connection, rabbit.VirtualHost, parking, cancellationToken);
            }

            using var api = new ManagementApi(rabbit);
            var messages = depth == 0 ? [] : await api.PeekAsync(parking, checked((int)depth), cancellationToken);
            var message = messages.FirstOrDefault(m => m.Id == messageId)
                ?? throw new UserErrorException($"no message '{messageId}' in '{parking}' ('sagas errors list --queue {parking}' shows the ones there)");

            ReportOutput.Write(context.Output, ParkedMessageDetail.Of(message), parse.GetValue(json));
            return ExitCodes.Success;
        });
        return command;
    }
}
