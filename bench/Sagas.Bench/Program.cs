using Sagas.Bench;
using Sagas.Bench.Baselines;
using Sagas.Bench.Peers;
using Sagas.Bench.Reporting;
using Sagas.Bench.Scenarios;

// scripts/bench [--quick] [--idle N]: baselines of the parts alone, then every scenario through
// the real system, then the report. Quick mode is a smoke test of the harness, not a measure.
if (BenchArguments.Problem(args) is { } problem)
{
    Console.Error.WriteLine($"sagas bench: {problem}; {BenchArguments.Usage}");
    return 2;
}

var settings = BenchSettings.From(args);
var mode = settings.Quick ? "quick" : "full";
Console.WriteLine($"sagas bench ({mode})");

var only = Array.IndexOf(args, "--only") is var at and >= 0 && at + 1 < args.Length ? args[at + 1].Split(',') : null;
// The latency curve's rates and the peers' ratios are taken from linear-5's flat-out run.
if (only is not null && !only.Contains("linear-5") && only.FirstOrDefault(n => n.StartsWith("linear-5@", StringComparison.Ordinal) || n.StartsWith("peer-", StringComparison.Ordinal)) is { } needy)
{
    Console.Error.WriteLine($"sagas bench: --only {needy} needs linear-5 too (its rate or ratio is taken from linear-5's run): --only linear-5,{needy}");
    return 2;
}

var messages = await MessagingBaseline.MessagesPerSecondAsync(settings, settings.Quick ? 500 : 20_000);
var transactions = await MartenBaseline.TransactionsPerSecondAsync(settings, settings.Quick ? 200 : 6_000);
const int MessagesPerStep = 2, TransactionsPerStep = 1;
// A step needs both parts, so the engine can go no faster than the one that runs out first. Adding
// their times instead (1 / (2/m + 1/t)) assumed they never overlap; they do, and scenarios beat that "bound".
var bound = Math.Min(messages / MessagesPerStep, transactions / TransactionsPerStep);
var baselines = new Baselines(Math.Round(messages, 1), Math.Round(transactions, 1), MessagesPerStep, TransactionsPerStep, Math.Round(bound, 1), settings.PrefetchCount,
    "min(messages/s ÷ 2, transactions/s ÷ 1): each step is a command and a result on the broker and one saga write, "
    + "the write measured through the engine's own cache, loader and group commit with the rows a step writes, so no step can go faster than the scarcer part allows");
Console.WriteLine($"baselines: {messages:F0} messages/s, {transactions:F0} transactions/s, bound {bound:F0} steps/s");
if (args.Contains("--baselines-only"))
{
    return 0;
}

var scale = settings.Quick ? 0.01 : 1.0;
int Count(int full) => Math.Max(5, (int)(full * scale));
var flatOut = new List<ScenarioPlan>
{
    new("linear-1", "linear-1", Count(3000), ScenarioPlan.NoInput),
    new("linear-5", "linear-5", Count(1500), ScenarioPlan.NoInput),
    new("linear-10", "linear-10", Count(800), ScenarioPlan.NoInput),
    new("fanout-10", "fanout-10", Count(600), ScenarioPlan.NoInput),
    new("failures", "failures", Count(1500), ScenarioPlan.FailureMix),
    new("linear-5+policies", "linear-5", Count(1500), ScenarioPlan.NoInput, Policies: settings.PoliciesPath("limits-and-balancing.yaml")),
    new("linear-5+analytics", "linear-5", Count(1500), ScenarioPlan.NoInput, Analytics: true),
    new("linear-5+when", "linear-5-when", Count(1500), ScenarioPlan.Amount),
    new("foreach-100", "foreach-100", Count(75), ScenarioPlan.Items),
};

using var runner = new ScenarioRunner(settings, bound);
var results = new List<ScenarioResult>();
var peers = new List<PeerResult>();
Nodes? shared = settings.Quick ? await Nodes.StartAsync(settings, "quick", withWorker: true) : null;
try
{
    foreach (var plan in flatOut.Where(p => only is null || only.Contains(p.Name)))
    {
        results.Add(await RunAsync(plan));
    }

    // The latency curve: linear-5 at fixed arrival rates, shares of the rate it just reached flat
    // out (so --only needs linear-5 with them). Quick mode runs only the 70% point.
    foreach (var load in settings.Quick ? [70] : new[] { 25, 50, 70, 90 })
    {
        var name = $"linear-5@{load}";
        if (only is not null && !only.Contains(name))
        {
            continue;
        }

        var linear5 = results.Single(r => r.Name == "linear-5");
        var rate = Math.Max(1, linear5.WorkflowsPerSecond * load / 100.0);
        var duration = TimeSpan.FromSeconds(settings.Quick ? 2 : 30);
        results.Add(await RunAsync(new ScenarioPlan(name, "linear-5", (int)(rate * duration.TotalSeconds), ScenarioPlan.NoInput, rate, duration)));
    }

    // The peers, after Sagas' throughput scenarios: each against Sagas' linear-5 (so --only needs linear-5 with it for the ratio).
    var peerRunner = new PeerRunner(settings);
    foreach (var peer in BenchPeer.All(settings).Where(p => only is null || only.Contains(p.Name)))
    {
        Console.WriteLine($"{peer.Name}: {Count(1500)} workflows flat out …");
        var result = await peerRunner.RunAsync(peer, Count(1500));
        peers.Add(result.ComparedWith(results.SingleOrDefault(r => r.Name == "linear-5")?.StepsPerSecond));
    }

    // One instance goes bad, under round robin and under adaptation, the same load: three worker
    // processes of their own, so the shared ones of quick mode go first (they would be a fourth instance).
    var degraded = new[] { ("degraded-instance+rr", "degraded-rr.yaml"), ("degraded-instance+adaptive", "degraded-adaptive.yaml") }
        .Where(d => only is null || only.Contains(d.Item1)).ToList();
    if (degraded.Count > 0 && shared is not null)
    {
        await shared.DisposeAsync();
        shared = null;
    }

    foreach (var (name, policiesFile) in degraded)
    {
        Console.WriteLine($"{name}: linear-5 over three noop instances; a third in one is ten times slower, two thirds in another fails every other call …");
        results.Add(await new DegradedInstance(settings).RunAsync(name, settings.PoliciesPath(policiesFile)));
    }

    if (only is not null)
    {
        // An experiment on a few scenarios: print, and write only where --out says (scripts/bench --compare).
        var partial = new BenchReport("partial", DateTimeOffset.UtcNow, await MachineProbe.ReadAsync(settings), baselines, results, peers);
        Console.WriteLine(MarkdownTable.Of(partial));
        if (Array.IndexOf(args, "--out") is var outAt and >= 0)
        {
            await ReportWriter.WriteToAsync(partial, args[outAt + 1]);
        }

        if (args.Contains("--into-latest") && !settings.Quick)
        {
            await ReportWriter.MergeIntoLatestAsync(partial, settings.ResultsPath);
            Console.WriteLine($"merged {string.Join(", ", partial.Scenarios.Select(s => s.Name))} into {Path.Combine(settings.ResultsPath, "latest.json")}");
        }

        return 0;
    }

    await using (var idleNodes = await Nodes.StartAsync(settings, "idle", withWorker: false))
    {
        Console.WriteLine($"idle: {settings.IdleWorkflows} workflows waiting …");
        results.Add(await runner.RunIdleAsync(settings.IdleWorkflows, idleNodes));
    }
}
finally
{
    if (shared is not null)
    {
        await shared.DisposeAsync();
    }

    await runner.WipeAsync();
    await HoldQueue.DeleteAsync(settings);
}

var report = new BenchReport(mode, DateTimeOffset.UtcNow, await MachineProbe.ReadAsync(settings), baselines, results, peers);
await ReportWriter.WriteAsync(report, settings.ResultsPath);
Console.WriteLine();
Console.WriteLine(MarkdownTable.Of(report));

// Quick mode asserts only that every scenario and peer ran and reported.
var broken = results.Where(r => r.Workflows == 0 || (r.PostgresBytesPerWorkflow is null && r.Completed + r.Failed != r.Workflows))
    .Select(r => $"{r.Name} ({r.Completed + r.Failed}/{r.Workflows})")
    .Concat(peers.Where(p => p.Workflows == 0 || p.Completed + p.Failed != p.Workflows).Select(p => $"{p.Name} ({p.Completed + p.Failed}/{p.Workflows})"))
    .ToList();
if (broken.Count > 0)
{
    Console.Error.WriteLine($"bench: scenarios that did not finish: {string.Join(", ", broken)}");
    return 1;
}

return 0;

async Task<ScenarioResult> RunAsync(ScenarioPlan plan)
{
    Console.WriteLine($"{plan.Name}: {plan.Workflows} workflows{(plan.RatePerSecond is { } r ? $" at {r:F1}/s" : " flat out")} …");
    if (shared is not null && plan.Policies is null && !plan.Analytics)
    {
        return await runner.RunAsync(plan, shared);
    }

    await using var nodes = await Nodes.StartAsync(settings, plan.Name, withWorker: true, plan.Policies, plan.Analytics);
    return await runner.RunAsync(plan, nodes);
}
