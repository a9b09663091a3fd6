using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol;

/// <summary>The HTTP error body: <c>{"error":{"message","type","param","code"}}</c>.</summary>
public sealed class ApiErrorResponse
{
    public ApiError Error { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
