using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol;

/// <summary>
/// A tool offered to the model. Function tools are typed (<c>name</c>, <c>description</c>,
/// <c>parameters</c>, <c>strict</c>); built-in tools keep their fields in <see cref="ExtensionData"/>.
/// </summary>
public sealed class ResponseTool
{
    [JsonPropertyOrder(-10)]
    public string Type { get; set; } = "function";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Parameters { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Strict { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    [JsonIgnore]
    public bool IsFunction => Type == "function";

    public static ResponseTool Function(string name, string? description, JsonElement parameters, bool strict = true) => new()
    {
        Type = "function",
        Name = name,
        Description = description,
        Parameters = parameters,
        Strict = strict,
    };
}
