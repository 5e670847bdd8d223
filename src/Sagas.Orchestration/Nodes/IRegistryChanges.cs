namespace Sagas.Orchestration.Nodes;

/// <summary>Told when a heartbeat changed what the registry says of a node's instances (joined, left, health), so routing reads it again at once.</summary>
public interface IRegistryChanges
{
    void Changed();
}
