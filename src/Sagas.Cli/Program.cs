using Sagas.Cli.Commands;

return await SagasCli.RunAsync(args, Console.Out, Console.Error);
