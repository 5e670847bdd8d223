namespace Sagas.Workers.Nodes;

/// <summary>Something a node depends on (the broker, the database), asked at every heartbeat whether it works.</summary>
public interface IDependencyProbe
{
    /// <summary>The dependency's name, as logs and <c>sagas nodes</c> show it: <c>rabbitmq</c>, <c>postgresql</c>.</summary>
    string Name { get; }

    /// <summary>Null when it works; otherwise what is wrong, in one line.</summary>
    Task<string?> ProblemAsync(CancellationToken cancellationToken);
}
