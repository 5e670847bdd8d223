using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sagas.Cli;
using Sagas.Cli.Node;

namespace Sagas.IntegrationTests.Setup;

/// <summary>A vhost of its own, which the test closes to connections.</summary>
public sealed class RefusingVirtualHost() : OwnServices(When_a_node_cannot_start_its_endpoints.VirtualHost, null);

/// <summary>
/// A node whose endpoints cannot start (its vhost takes no connections) gives up when its start
/// timeout runs out, with one line naming the broker, instead of saying "running" or hanging.
/// </summary>
public sealed class When_a_node_cannot_start_its_endpoints(RefusingVirtualHost vhost) : IntegrationTest, IClassFixture<RefusingVirtualHost>
{
    public const string VirtualHost = "sagas-test-refused";

    protected override IIntegrationFixture Fixture => vhost;

    protected override Task ArrangeAsync() => TestBroker.LimitConnectionsAsync(VirtualHost, 0);

    [Fact]
    public async Task Its_start_fails_with_one_line_naming_the_broker()
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(await TestServices.ConfigurationAsync())
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sagas:RabbitMq:VirtualHost"] = VirtualHost, ["Sagas:Policies:Path"] = "none" })
            .Build();
        using var host = NodeHost.Build(configuration, new NodeRoles(false, ["notification"]));
        // The node's own timeout (read when the bus starts), shortened so the test takes seconds.
        host.Services.GetRequiredService<IOptions<MassTransitHostOptions>>().Value.StartTimeout = TimeSpan.FromSeconds(2);

        var failure = await Assert.ThrowsAsync<UserErrorException>(() => host.StartAsync());

        var broker = await TestBroker.SettingsAsync();
        broker.VirtualHost = VirtualHost;
        Assert.StartsWith($"the node's endpoints on RabbitMQ at {broker.Describe()} did not start within 2 s (last error: ", failure.Message);
        Assert.Contains("connection limit (0) is reached", failure.Message);
        Assert.EndsWith("; check the broker with 'scripts/services status'", failure.Message);
        Assert.DoesNotContain('\n', failure.Message);
    }
}
