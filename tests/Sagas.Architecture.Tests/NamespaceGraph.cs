using System.Collections.Concurrent;
using Mono.Cecil;

namespace Sagas.Architecture.Tests;

/// <summary>
/// Which of an assembly's namespaces use which, read from its IL: an edge A → B when a type of A
/// names a type of B (<see cref="TypeReferences"/>), with the first such reference as its example.
/// A nested type (a lambda's closure, an async state machine) counts for its outermost type's
/// namespace. Only the assembly's own <c>Sagas</c> namespaces are nodes.
/// </summary>
internal sealed class NamespaceGraph
{
    private static readonly ConcurrentDictionary<string, NamespaceGraph> Read = new(StringComparer.Ordinal);

    private readonly Dictionary<string, Dictionary<string, string>> _edges;

    private NamespaceGraph(string assembly, Dictionary<string, Dictionary<string, string>> edges)
    {
        Assembly = assembly;
        _edges = edges;
    }

    public string Assembly { get; }

    public IEnumerable<string> Namespaces => _edges.Keys;

    /// <summary>The graph of the built assembly of that name beside the tests (read once).</summary>
    public static NamespaceGraph Of(string assembly) => Read.GetOrAdd(assembly, Load);

    public bool Has(string from, string to) => _edges.TryGetValue(from, out var targets) && targets.ContainsKey(to);

    /// <summary>One type reference that makes the edge, as <c>Type → Type (where)</c>.</summary>
    public string Example(string from, string to) => _edges[from][to];

    /// <summary>The cycles (strongly connected namespaces), leaving out <paramref name="ignored"/> edges.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyCollection<(string From, string To)> ignored) =>
        StronglyConnected.Cycles(_edges.Keys, from => _edges[from].Keys.Where(to => !ignored.Contains((from, to))));

    /// <summary>The edges between the namespaces of one cycle, each with its example.</summary>
    public IEnumerable<string> Describe(IReadOnlyList<string> cycle, IReadOnlyCollection<(string From, string To)> ignored) =>
        from source in cycle
        from target in cycle
        where Has(source, target) && !ignored.Contains((source, target))
        select $"  {source} → {target}: {Example(source, target)}";

    private static NamespaceGraph Load(string assembly)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly + ".dll");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{assembly}.dll is not beside the tests: reference its project from Sagas.Architecture.Tests.csproj.");
        }

        using var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(AppContext.BaseDirectory);
        resolver.AddSearchDirectory(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        using var module = ModuleDefinition.ReadModule(path, new ReaderParameters { AssemblyResolver = resolver });

        var edges = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            if (NamespaceOf(module, type) is not { } source)
            {
                continue;
            }

            var targets = edges.TryGetValue(source, out var known) ? known : edges[source] = new(StringComparer.Ordinal);
            foreach (var (target, via) in TypeReferences.Of(type))
            {
                if (NamespaceOf(module, target) is { } to && to != source && !targets.ContainsKey(to))
                {
                    targets[to] = $"{type.FullName} → {target.FullName} ({via})";
                }
            }
        }

        foreach (var target in edges.Values.SelectMany(t => t.Keys).ToList())
        {
            edges.TryAdd(target, new(StringComparer.Ordinal));
        }

        return new NamespaceGraph(assembly, edges);
    }

    /// <summary>The namespace a type of this module counts for, or null for a type of another assembly or outside <c>Sagas</c>.</summary>
    private static string? NamespaceOf(ModuleDefinition module, TypeReference type)
    {
        if (type.Scope is not ModuleDefinition scope || scope != module)
        {
            return null;
        }

        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type.Namespace == "Sagas" || type.Namespace.StartsWith("Sagas.", StringComparison.Ordinal) ? type.Namespace : null;
    }
}
