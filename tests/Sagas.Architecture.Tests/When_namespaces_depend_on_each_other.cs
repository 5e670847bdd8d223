namespace Sagas.Architecture.Tests;

/// <summary>
/// No module's namespaces use each other in a circle, so each one can be read, tested and moved
/// with only the ones below it. Cycles known today are listed in <see cref="KnownOffenders"/>.
/// </summary>
public sealed class When_namespaces_depend_on_each_other
{
    public static TheoryData<string> Assemblies => new(SourceTree.Assemblies);

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void No_namespaces_of_an_assembly_form_a_cycle_beyond_the_known_offenders(string assembly)
    {
        var graph = NamespaceGraph.Of(assembly);
        var allowed = KnownOffenders.NamespaceEdges.Where(e => e.Assembly == assembly).Select(e => (e.From, e.To)).ToHashSet();

        var cycles = graph.Cycles(allowed);

        Assert.True(cycles.Count == 0,
            $"{assembly} has {cycles.Count} namespace cycle(s); each edge with one type reference that makes it:\n" +
            string.Join("\n", cycles.Select(c => $"cycle of {string.Join(", ", c)}:\n{string.Join("\n", graph.Describe(c, allowed))}")));
    }

    [Fact]
    public void Every_known_offender_still_closes_a_cycle()
    {
        var gone = KnownOffenders.NamespaceEdges
            .Where(e => !ClosesACycle(NamespaceGraph.Of(e.Assembly), e.From, e.To))
            .Select(e => $"  ({e.Assembly}) {e.From} → {e.To}")
            .ToList();

        Assert.True(gone.Count == 0, $"No longer part of a cycle; remove from KnownOffenders.NamespaceEdges:\n{string.Join("\n", gone)}");
    }

    private static bool ClosesACycle(NamespaceGraph graph, string from, string to) =>
        graph.Has(from, to) && graph.Cycles([]).Any(c => c.Contains(from) && c.Contains(to));
}
