using System.Text.Json.Nodes;
using Marten;
using Sagas.Analytics.Stats;
using Sagas.Contracts.Events;
using Sagas.IntegrationTests.Engine;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Analytics;

/// <summary>
/// A mixed run (completions, declined charges that are compensated, a charge that fails once
/// and is retried) on a node process with the sample services: once the async daemon has caught
/// up, the stats say what the streams hold, step by step.
/// </summary>
public sealed class When_workflows_are_projected_into_stats(StatsServices services) : IntegrationTest, IClassFixture<StatsServices>
{
    protected override IIntegrationFixture Fixture => services;

    [Fact]
    public async Task The_stats_count_what_the_streams_hold()
    {
        await using var node = await NodeProcess.StartAsync(services.Settings, new Dictionary<string, string>());
        await using var client = await StartClient.ConnectAsync(services.VirtualHost);
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);

        var ids = await Orders.StartMixedAsync(client, completing: 6);
        await Orders.EndedAsync(services, ids, node);
        await services.CaughtUpAsync(node);

        var report = await new StatsQuery(services.ConnectionString, TimeSpan.FromSeconds(30))
            .RunAsync(new StatsRequest { Since = since, Until = DateTimeOffset.UtcNow.AddMinutes(1) }, CancellationToken.None);
        var events = await EventsOfAsync(ids);

        Assert.False(report.Degraded, report.Reason);
        var definition = Assert.Single(report.Definitions);
        Assert.Equal(("order-fulfilment", 1), (definition.Definition, definition.Version));
        Assert.Equal(ids.Count, definition.Started);
        Assert.Equal(events.OfType<WorkflowCompleted>().Count(), definition.Completed);
        Assert.Equal(events.OfType<WorkflowCompensated>().Count(), definition.Compensated);
        Assert.True(definition.Compensated >= 2, $"the declined charges were compensated: {definition}");
        Assert.Equal((double)definition.Completed / ids.Count, definition.SuccessRate!.Value, 3);
        Assert.NotNull(definition.DurationMs);
        Assert.Equal(definition.Compensated, definition.Failures.Sum(f => f.Count));

        foreach (var step in definition.Steps)
        {
            Assert.Equal(events.OfType<StepDispatched>().Count(e => e.StepId == step.Step), step.Dispatches);
            Assert.Equal(events.OfType<StepCompleted>().Count(e => e.StepId == step.Step), step.Completed);
            Assert.Equal(events.OfType<StepFailed>().Count(e => e.StepId == step.Step), step.Failed);
            Assert.Equal(events.OfType<StepTimedOut>().Count(e => e.StepId == step.Step), step.Timeouts);
            Assert.Equal(events.OfType<StepRetryScheduled>().Count(e => e.StepId == step.Step && !e.Compensation), step.Retries);
            Assert.Equal(events.OfType<CompensationDispatched>().Count(e => e.StepId == step.Step), step.Compensations);
        }

        var charge = definition.Steps.Single(s => s.Step == "charge-payment");
        Assert.True(charge.Retries >= 1, $"the charge that failed once was retried: {charge.Retries} retries");
        Assert.NotNull(charge.QueueWaitMs);
        Assert.NotNull(charge.ExecutionMs);

        // Every attempt a worker answered names the node that ran it.
        var payment = report.Services.Single(s => s.Service == "payment");
        var instance = Assert.Single(payment.Instances);
        Assert.Equal(payment.Totals.Completed + payment.Totals.Failed, instance.Totals.Completed + instance.Totals.Failed);
        // Taken from the instance's own queue, where discovery sent it: the service's name and the node's.
        Assert.StartsWith("payment.", instance.Endpoint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_searchable_input_field_finds_its_runs()
    {
        await using var node = await NodeProcess.StartAsync(services.Settings, new Dictionary<string, string>());
        await using var client = await StartClient.ConnectAsync(services.VirtualHost);
        var ids = await Orders.StartMixedAsync(client, completing: 2);
        await Orders.EndedAsync(services, ids, node);
        await services.CaughtUpAsync(node);

        var (exitCode, output, error) = await services.SagasAsync("workflows", "list", "--where", "orderId=declined-1", "--json");
        Assert.True(exitCode == 0, error);
        var found = Assert.Single(System.Text.Json.JsonDocument.Parse(output).RootElement.EnumerateArray());
        Assert.Equal(ids[2].ToString(), found.GetProperty("workflowId").GetString());
        Assert.Equal("Compensated", found.GetProperty("status").GetString());

        var none = await services.SagasAsync("workflows", "list", "--where", "orderId=no-such-order", "--json");
        Assert.Equal((0, "[]"), (none.ExitCode, none.Output.Trim()));

        var unknown = await services.SagasAsync("workflows", "list", "--where", "amount=10");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no workflow has a searchable input field 'amount'", unknown.Error, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<object>> EventsOfAsync(IEnumerable<Guid> ids)
    {
        var events = new List<object>();
        foreach (var id in ids)
        {
            events.AddRange(await services.EventsAsync(id));
        }

        return events;
    }
}
