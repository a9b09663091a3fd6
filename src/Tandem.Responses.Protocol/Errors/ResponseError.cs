using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol;

/// <summary>The <c>error</c> of a failed response object: <c>{code, message}</c>.</summary>
public sealed class ResponseError
{
    public string? Code { get; set; }

    public string Message { get; set; } = string.Empty;

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
