using System.Text;
using System.Text.Json.Nodes;
using Sagas.Cli.Errors;

namespace Sagas.Cli.Tests.Errors;

/// <summary>What the CLI makes of a message MassTransit parked, as the management API returns it.</summary>
public sealed class When_a_parked_message_is_read
{
    [Fact]
    public void A_fault_names_its_reason_time_and_the_queue_it_came_from()
    {
        var entry = JsonNode.Parse("""
            {"payload":"{\"messageId\":\"m-1\",\"messageType\":[\"urn:message:Sagas.Contracts.Events:StepCompleted\"],\"message\":{}}",
             "payload_encoding":"string",
             "properties":{"headers":{"MT-Fault-Message":"boom","MT-Reason":"fault","MT-Fault-Timestamp":"2026-11-25T22:43:23Z",
               "MT-Fault-InputAddress":"rabbitmq://127.0.0.1/sagas-test/workflow-orchestrator"},"content_type":"application/vnd.masstransit+json"}}
            """)!.AsObject();

        var message = ParkedMessage.FromManagementApi("some_error", 1, entry);

        Assert.Equal(new ParkedMessageSummary("some_error", 1, "m-1", "Sagas.Contracts.Events.StepCompleted", "boom", "2026-11-25T22:43:23Z", "workflow-orchestrator"), message.Summary());
    }

    [Fact]
    public void A_raw_message_without_properties_is_named_by_a_digest_of_its_body()
    {
        // The API writes an empty property set as [].
        var entry = JsonNode.Parse("""{"payload":"not json","payload_encoding":"string","properties":[]}""")!.AsObject();

        var message = ParkedMessage.FromManagementApi("start-workflow_skipped", 3, entry);

        Assert.Equal(MessageEnvelope.RawType, message.Type);
        Assert.Equal(MessageEnvelope.IdOf(null, Encoding.UTF8.GetBytes("not json")), message.Id);
        Assert.StartsWith("sha256:", message.Id);
        Assert.Null(message.Reason);
        Assert.Equal("start-workflow", message.From);
    }

    [Theory]
    [InlineData("MT-Fault-StackTrace", true)]
    [InlineData("MT-Reason", true)]
    [InlineData("MT-Host-MachineName", true)]
    [InlineData("x-dotnet-pub-seq-no", true)]
    [InlineData("tenant", false)]
    [InlineData("MT-Activity-Id", false)]
    public void A_replay_leaves_behind_only_the_headers_the_move_added(string header, bool dropped) =>
        Assert.Equal(dropped, FaultHeaders.WereAddedByTheMove(header));
}
