using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Sagas.Cli;
using Sagas.Cli.Commands;
using Sagas.Cli.Node;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Engine;

/// <summary>A running node's /metrics and /health, as Prometheus and a load balancer read them.</summary>
[Collection(EngineCollection.Name)]
public sealed class When_a_node_is_scraped(EngineNode node) : IntegrationTest
{
    private static readonly HttpClient Http = new();

    protected override IIntegrationFixture Fixture => node;

    [Fact]
    public async Task Metrics_show_the_workflows_and_steps_it_ran_by_definition_and_service()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SagasCli.RunAsync(["start", "order-fulfilment", "--input", """{"orderId":"scraped-1","amount":4}""", "--wait"], output, error, await TestServices.ConfigurationAsync());
        Assert.True(exit == ExitCodes.Success, error.ToString());

        var metrics = await Http.GetStringAsync(new Uri(node.ObservationAddress, "/metrics"));

        Assert.Contains("sagas_workflows_started_total{", metrics);
        Assert.Contains("definition=\"order-fulfilment\"", metrics);
        Assert.Contains("sagas_workflows_ended_total{", metrics);
        Assert.Contains("status=\"Completed\"", metrics);
        Assert.Contains("sagas_steps_results_total{", metrics);
        Assert.Contains("service=\"payment\"", metrics);
        Assert.Contains("sagas_step_execution_milliseconds_bucket{", metrics);
        // What the node holds: its outbox's backlog, and how far its analytics are behind.
        Assert.Contains("sagas_outbox_backlog", metrics);
        Assert.Contains("sagas_analytics_lag_seconds", metrics);
    }

    [Fact]
    public async Task Health_says_live_and_ready()
    {
        using var live = await Http.GetAsync(new Uri(node.ObservationAddress, "/health/live"));
        Assert.Equal((HttpStatusCode.OK, "live"), (live.StatusCode, (await live.Content.ReadAsStringAsync()).Trim()));

        // Ready from the start; fully so once its analytics have caught up with what earlier runs left.
        var ready = await Eventually.Until(
            async () =>
            {
                using var response = await Http.GetAsync(new Uri(node.ObservationAddress, "/health/ready"));
                return (response.StatusCode, Body: (await response.Content.ReadAsStringAsync()).Trim());
            },
            ready => ready.StatusCode != HttpStatusCode.OK || ready.Body == "ready",
            TimeSpan.FromSeconds(30),
            "the node to be ready with nothing degraded",
            ready => ready.Body);
        Assert.Equal((HttpStatusCode.OK, "ready"), ready);
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(node.ObservationAddress.Host)), node.ObservationAddress.ToString());
    }

    [Fact]
    public async Task A_port_already_taken_stops_the_start_with_one_line_naming_the_setting()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(await TestServices.ConfigurationAsync())
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sagas:Observation:Port"] = port.ToString(), ["Sagas:Policies:Path"] = "none" })
            .Build();
        using var host = NodeHost.Build(configuration, new NodeRoles(false, ["notification"]));

        var failure = await Assert.ThrowsAsync<UserErrorException>(() => NodeHost.StartAsync(host, CancellationToken.None));

        Assert.Equal($"invalid setting Sagas:Observation:Port: 127.0.0.1:{port} is taken; choose another, or 0 for any free port", failure.Message);
    }
}
