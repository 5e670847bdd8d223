using System.Net.Http.Json;
using RabbitMQ.Client;
using Sagas.Cli.Settings;

namespace Sagas.IntegrationTests;

/// <summary>
/// The RabbitMQ the tests run against, read from the same settings as the hosts
/// (scripts/test points them at the test vhost).
/// </summary>
internal static class TestBroker
{
    public static async Task<RabbitMqSettings> SettingsAsync() => (await TestServices.SettingsAsync()).RabbitMq;

    /// <summary>
    /// Creates (idempotently) a vhost of a test's own through the management API, so a test that
    /// deletes broker objects never pulls them from under another test.
    /// </summary>
    public static async Task EnsureVirtualHostAsync(string virtualHost)
    {
        var settings = await SettingsAsync();
        using var http = await ManagementAsync();
        var vhost = Uri.EscapeDataString(virtualHost);
        (await http.PutAsync($"api/vhosts/{vhost}", null)).EnsureSuccessStatusCode();
        var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", System.Text.Encoding.UTF8, "application/json");
        (await http.PutAsync($"api/permissions/{vhost}/{Uri.EscapeDataString(settings.Username)}", permissions)).EnsureSuccessStatusCode();
    }

    /// <summary>Deletes the vhost with everything in it, and creates it again, empty.</summary>
    public static async Task RecreateVirtualHostAsync(string virtualHost)
    {
        using (var http = await ManagementAsync())
        {
            var deleted = await http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(virtualHost)}");
            if (deleted.StatusCode != System.Net.HttpStatusCode.NotFound)
            {
                deleted.EnsureSuccessStatusCode();
            }
        }

        await EnsureVirtualHostAsync(virtualHost);
    }

    /// <summary>Empties the vhost's error and skipped queues, where a test's faulted and unconsumed messages are parked.</summary>
    public static async Task PurgeParkedAsync(string virtualHost)
    {
        using var http = await ManagementAsync();
        var vhost = Uri.EscapeDataString(virtualHost);
        var queues = await http.GetFromJsonAsync<List<QueueName>>($"api/queues/{vhost}?columns=name") ?? [];
        foreach (var queue in queues.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal) || q.Name.EndsWith("_skipped", StringComparison.Ordinal)))
        {
            (await http.DeleteAsync($"api/queues/{vhost}/{Uri.EscapeDataString(queue.Name)}/contents")).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Sets how many connections the vhost takes (0: none), through the management API.</summary>
    public static async Task LimitConnectionsAsync(string virtualHost, int most)
    {
        using var http = await ManagementAsync();
        var limit = new StringContent($$"""{"value":{{most}}}""", System.Text.Encoding.UTF8, "application/json");
        (await http.PutAsync($"api/vhost-limits/{Uri.EscapeDataString(virtualHost)}/max-connections", limit)).EnsureSuccessStatusCode();
    }

    public static async Task<IConnection> ConnectAsync(string? virtualHost = null)
    {
        var settings = await SettingsAsync();
        var factory = new ConnectionFactory
        {
            HostName = settings.Host,
            Port = settings.Port,
            VirtualHost = virtualHost ?? settings.VirtualHost,
            UserName = settings.Username,
            Password = settings.Password,
            ClientProvidedName = "sagas integration tests",
        };
        return await factory.CreateConnectionAsync();
    }

    private static async Task<HttpClient> ManagementAsync()
    {
        var settings = await SettingsAsync();
        var http = new HttpClient { BaseAddress = new Uri(settings.ManagementUrl) };
        var credentials = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{settings.Username}:{settings.Password}"));
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", credentials);
        return http;
    }

    private sealed record QueueName(string Name);
}
