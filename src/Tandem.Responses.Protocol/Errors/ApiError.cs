using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol;

/// <summary>
/// The error object of an HTTP error body and of the WebSocket error envelope:
/// <c>{message, type, param, code}</c>, plus <c>headers</c> on WebSocket errors that carry
/// retry information.
/// </summary>
public sealed class ApiError
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Message { get; set; } = string.Empty;

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Type { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Param { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Code { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Headers { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
