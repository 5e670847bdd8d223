using System.Text.Json.Nodes;
using Sagas.Workers;

namespace Sagas.Samples.Services;

/// <summary>Tells a customer what happened.</summary>
public sealed class NotificationService(SampleOptions options, TimeProvider clock) : SampleService(options, clock)
{
    public override string Service => "notification";

    protected override JsonObject Produce(StepRequest request) => new() { ["sent"] = true, ["channel"] = Text(request, "channel") };
}
