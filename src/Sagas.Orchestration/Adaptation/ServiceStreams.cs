using System.Security.Cryptography;
using System.Text;

namespace Sagas.Orchestration.Adaptation;

/// <summary>The event stream of a service, where its adaptations are recorded: a stable id derived from its name (streams are keyed by GUID).</summary>
public static class ServiceStreams
{
    public static Guid IdOf(string service) => new(MD5.HashData(Encoding.UTF8.GetBytes($"sagas-service:{service}")));
}
