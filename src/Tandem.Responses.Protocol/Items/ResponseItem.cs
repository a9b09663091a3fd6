using System.Text.Json;
using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol;

/// <summary>
/// An item of a response's input or output (message, function_call, function_call_output,
/// reasoning, compaction, or any other type, kept raw).
/// </summary>
/// <remarks>
/// Items are polymorphic on <c>type</c>. The discriminator may appear anywhere in the object
/// (background-mode streams reorder keys), so dispatch is done by <see cref="ResponseItemConverter"/>
/// rather than by System.Text.Json's metadata-first polymorphism.
/// </remarks>
[JsonConverter(typeof(ResponseItemConverter))]
public abstract class ResponseItem
{
    /// <summary>The item type; <see langword="null"/> only for a shorthand input message that omitted it.</summary>
    [JsonPropertyOrder(-9)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(KnownStringConverter))]
    public string? Type { get; set; }

    /// <summary>Fields this model does not know, kept verbatim so they round-trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
