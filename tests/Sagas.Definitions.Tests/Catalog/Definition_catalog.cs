using Sagas.Definitions.Loading;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Tests.Catalog;

/// <summary>New starts use the latest version of an id; running instances find theirs by content hash.</summary>
public class Definition_catalog
{
    private static WorkflowDefinition Version(string id, int version, string description = "first") => Load.ValidYaml($"""
        id: {id}
        version: {version}
        description: {description}
        steps:
          - id: a
            service: s
        """);

    [Fact]
    public void Knows_nothing_of_an_id_never_registered()
    {
        var catalog = new DefinitionCatalog();

        Assert.Null(catalog.Latest("orders"));
        Assert.Null(catalog.ByHash("0000"));
        Assert.Null(catalog.Find("orders", 1));
    }

    [Fact]
    public void The_highest_version_is_the_latest()
    {
        var catalog = new DefinitionCatalog();
        var v1 = Version("orders", 1);
        var v2 = Version("orders", 2);

        catalog.Register(v1);
        catalog.Register(v2);

        Assert.Same(v2, catalog.Latest("orders"));
    }

    [Fact]
    public void A_lower_version_registered_later_does_not_replace_the_latest()
    {
        var catalog = new DefinitionCatalog();
        var v2 = Version("orders", 2);

        catalog.Register(v2);
        catalog.Register(Version("orders", 1));

        Assert.Same(v2, catalog.Latest("orders"));
    }

    [Fact]
    public void The_newest_registration_of_the_same_version_is_the_latest()
    {
        var catalog = new DefinitionCatalog();
        var edited = Version("orders", 1, description: "edited");

        catalog.Register(Version("orders", 1));
        catalog.Register(edited);

        Assert.Same(edited, catalog.Latest("orders"));
        Assert.Same(edited, catalog.Find("orders", 1));
    }

    [Fact]
    public void Finds_an_older_version_by_its_hash_after_a_newer_one_is_registered()
    {
        var catalog = new DefinitionCatalog();
        var v1 = Version("orders", 1);
        var v2 = Version("orders", 2);

        catalog.Register(v1);
        catalog.Register(v2);

        Assert.Same(v1, catalog.ByHash(v1.Source.ContentHash));
        Assert.Same(v2, catalog.ByHash(v2.Source.ContentHash));
        Assert.Same(v1, catalog.Find("orders", 1));
    }

    [Fact]
    public void Lists_the_latest_version_of_each_id_and_every_version_seen_in_id_order()
    {
        var catalog = new DefinitionCatalog();
        catalog.Register(Version("shipping", 1));
        catalog.Register(Version("orders", 2));
        catalog.Register(Version("orders", 1));

        Assert.Equal([("orders", 2), ("shipping", 1)], catalog.LatestVersions().Select(d => (d.Id, d.Version)));
        Assert.Equal([("orders", 1), ("orders", 2), ("shipping", 1)], catalog.AllVersions().Select(d => (d.Id, d.Version)));
    }
}
