using Sagas.Bench.Peers;
using Sagas.Bench.Scenarios;

namespace Sagas.Bench.Reporting;

/// <summary>
/// What a run writes to bench/results: the machine, the baselines, every scenario and the peers
/// (what a team would hand-write instead, on the same parts).
/// </summary>
internal sealed record BenchReport(string Mode, DateTimeOffset Date, MachineInfo Machine, Baselines Baselines, IReadOnlyList<ScenarioResult> Scenarios, IReadOnlyList<PeerResult> Peers);

/// <summary>The parts alone, and the bound they give.</summary>
internal sealed record Baselines(
    double MessagesPerSecond,
    double TransactionsPerSecond,
    int MessagesPerStep,
    int TransactionsPerStep,
    double BoundStepsPerSecond,
    int PrefetchCount,
    string Bound);

/// <summary>Where it ran.</summary>
internal sealed record MachineInfo(int Cores, double MemoryGiB, string Cpu, string Os, string Dotnet, string RabbitMq, string PostgreSql, string MassTransit, string Marten);
