using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.Bench.Peers;

// The bench starts this process and waits for its "peer running" line (see NodeProcess.StartPeerAsync).
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddFiveStepPeer();
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("peer running");
await host.WaitForShutdownAsync();
