namespace Sagas.Definitions.Model;

/// <summary>
/// A step's <c>switch:</c>: the cases tried in order, the first whose <c>when:</c> holds chosen, else
/// the default. The choice is made once, when the step is first ready, and recorded.
/// </summary>
public sealed record StepSwitch(IReadOnlyList<SwitchCase> Cases, SwitchCase Default)
{
    public const string DefaultName = "default";

    /// <summary>The cases in the order they are tried, the default last.</summary>
    public IEnumerable<SwitchCase> All => Cases.Append(Default);

    public SwitchCase? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
