namespace Sagas.Definitions.Model;

/// <summary>The JSON types an input field can declare.</summary>
public enum JsonType
{
    Any,
    String,
    Number,
    Integer,
    Boolean,
    Object,
    Array,
}
