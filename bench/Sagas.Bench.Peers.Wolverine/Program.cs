using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.Bench.Peers.Wolverine;

// The bench starts this process and waits for its "peer running" line (see NodeProcess.StartPeerAsync).
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddWolverineFiveStepPeer();
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("peer running");
await host.WaitForShutdownAsync();
