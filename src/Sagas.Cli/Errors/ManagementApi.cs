using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Sagas.Cli.Errors;

/// <summary>
/// RabbitMQ's management HTTP API, for what AMQP cannot do: list a vhost's queues, and look at
/// messages without taking them (the API takes and requeues them in one go, keeping their order).
/// </summary>
internal sealed class ManagementApi : IDisposable
{
    private readonly RabbitMqSettings _settings;
    private readonly HttpClient _http;
    private readonly string _vhost;

    public ManagementApi(RabbitMqSettings settings)
    {
        _settings = settings;
        _http = new HttpClient { BaseAddress = new Uri(settings.ManagementUrl), Timeout = TimeSpan.FromSeconds(10) };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.Username}:{settings.Password}"));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        _vhost = Uri.EscapeDataString(settings.VirtualHost);
    }

    public async Task<IReadOnlyList<string>> QueueNamesAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/queues/{_vhost}?columns=name"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new UserErrorException($"vhost '{_settings.VirtualHost}' does not exist on {_settings.ManagementUrl}");
        }

        var queues = await ReadAsync(response, cancellationToken);
        return [.. queues.Select(q => q?["name"]?.GetValue<string>()).OfType<string>().Order(StringComparer.Ordinal)];
    }

    /// <summary>Up to <paramref name="count"/> messages from the head of the queue, left where they are.</summary>
    public async Task<IReadOnlyList<ParkedMessage>> PeekAsync(string queue, int count, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/queues/{_vhost}/{Uri.EscapeDataString(queue)}/get")
        {
            Content = JsonContent.Create(new JsonObject { ["count"] = count, ["ackmode"] = "ack_requeue_true", ["encoding"] = "auto" }),
        };
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new UserErrorException($"no queue '{queue}' in vhost '{_settings.VirtualHost}' ('sagas errors list' shows the error and skipped queues that hold messages)");
        }

        var messages = await ReadAsync(response, cancellationToken);
        return [.. messages.OfType<JsonObject>().Select((message, index) => ParkedMessage.FromManagementApi(queue, index + 1, message))];
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = e is HttpRequestException { InnerException: { } inner } ? inner.Message : e.Message;
            throw new UserErrorException(
                $"cannot reach the RabbitMQ management API at {_settings.ManagementUrl} (vhost '{_settings.VirtualHost}'): {reason}; start it with 'scripts/services up'", e);
        }
        finally
        {
            request.Dispose();
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            response.Dispose();
            throw new UserErrorException(
                $"RabbitMQ at {_settings.ManagementUrl} refused user '{_settings.Username}' on vhost '{_settings.VirtualHost}' ({(int)response.StatusCode}); check Sagas:RabbitMq:Username and Password");
        }

        return response;
    }

    private async Task<JsonArray> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new UserErrorException($"the RabbitMQ management API at {_settings.ManagementUrl} answered {(int)response.StatusCode}: {body.Trim()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonArray>(cancellationToken) ?? [];
    }
}
