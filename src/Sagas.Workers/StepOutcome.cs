using System.Text.Json.Nodes;

namespace Sagas.Workers;

/// <summary>How an attempt of a step ended.</summary>
public abstract record StepOutcome
{
    public static StepOutcome Completed(JsonNode? output = null) => new Success(output ?? new JsonObject());

    /// <summary>A failure; <paramref name="retryable"/> false says trying again cannot help.</summary>
    public static StepOutcome Failed(string reason, bool retryable = true) => new Failure(reason, retryable);

    public sealed record Success(JsonNode Output) : StepOutcome;

    public sealed record Failure(string Reason, bool Retryable) : StepOutcome;
}
