using Sagas.Definitions.Source;

namespace Sagas.Definitions.Building;

/// <summary>
/// Reads an <c>alternates:</c> list, a step's or a service's in <c>policies.yaml</c>: the services
/// tried in order once the first one is exhausted, so each must be another valid service, once.
/// </summary>
internal static class AlternatesReader
{
    /// <summary>The valid alternates in order; <paramref name="key"/> names the list in messages.</summary>
    public static IReadOnlyList<string> Read(SourceNode? node, string key, string? ownService, string? stepId, ErrorSink errors)
    {
        var alternates = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in OptionalList.Items(node, key, "a list of service names", stepId, errors))
        {
            if (item is not SourceScalar { Kind: ScalarKind.String } name)
            {
                errors.Add(item.Position, stepId, ErrorCodes.WrongType, $"each entry of '{key}' must be a service name, not {item.KindName}");
            }
            else if (!NamePatterns.Service().IsMatch(name.Text))
            {
                errors.Add(item.Position, stepId, ErrorCodes.InvalidName,
                    $"'{key}' entry '{name.Text}' may hold only lower-case letters, digits, '.', '_' and '-' (at most 100), starting with a letter or digit");
            }
            else if (name.Text == ownService)
            {
                errors.Add(item.Position, stepId, ErrorCodes.SelfAlternate,
                    $"'{key}' lists '{name.Text}', the service it is an alternate for; fail over only to other services");
            }
            else if (!seen.TryAdd(name.Text, item.Position.Line))
            {
                errors.Add(item.Position, stepId, ErrorCodes.DuplicateAlternate,
                    $"'{key}' lists '{name.Text}' twice (first on line {seen[name.Text]}); each alternate is tried once, in order");
            }
            else
            {
                alternates.Add(name.Text);
            }
        }

        return alternates;
    }
}
