using System.Security.Cryptography;
using System.Text;

namespace Sagas.Orchestration.Nodes;

/// <summary>The event stream of a node: a stable id derived from its node id (streams are keyed by GUID).</summary>
public static class NodeStreams
{
    public static Guid IdOf(string nodeId) => new(MD5.HashData(Encoding.UTF8.GetBytes($"sagas-node:{nodeId}")));
}
