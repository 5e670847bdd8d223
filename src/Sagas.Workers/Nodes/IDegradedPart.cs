namespace Sagas.Workers.Nodes;

/// <summary>
/// A part of a node that can go on in a reduced way (the analytics behind the events): the node
/// stays ready, and its health says what is degraded and why.
/// </summary>
public interface IDegradedPart
{
    /// <summary>The part's name, as the health endpoint shows it: <c>analytics</c>.</summary>
    string Name { get; }

    /// <summary>Null while the part works fully; otherwise why it does not, in one line.</summary>
    string? Degraded { get; }
}
