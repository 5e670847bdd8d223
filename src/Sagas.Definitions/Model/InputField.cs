namespace Sagas.Definitions.Model;

/// <summary>A field of the workflow's input, with the JSON type it must have.</summary>
public sealed record InputField(string Name, JsonType Type, bool Required);
