using Npgsql;
using Sagas.Orchestration.Persistence;

namespace Sagas.Orchestration.Tests.Persistence;

/// <summary>A node prepares the statements it repeats, unless its connection string says otherwise.</summary>
public sealed class When_a_node_connects_to_postgres
{
    private const string Given = "Host=127.0.0.1;Port=5432;Database=sagas;Username=sagas;Password=sagas;SSL Mode=Disable";

    [Fact]
    public void Statements_are_prepared_after_their_second_run()
    {
        var builder = new NpgsqlConnectionStringBuilder(PreparedStatements.Apply(Given));

        Assert.Equal(PreparedStatements.MostPerConnection, builder.MaxAutoPrepare);
        Assert.Equal(2, builder.AutoPrepareMinUsages);
        Assert.Equal("sagas", builder.Database);
    }

    [Theory]
    [InlineData("Max Auto Prepare=0")]
    [InlineData("max auto prepare=0")]
    [InlineData("MaxAutoPrepare=0")]
    public void A_connection_string_that_sets_it_keeps_its_own(string setting)
    {
        var builder = new NpgsqlConnectionStringBuilder(PreparedStatements.Apply($"{Given};{setting}"));

        Assert.Equal(0, builder.MaxAutoPrepare);
    }
}
