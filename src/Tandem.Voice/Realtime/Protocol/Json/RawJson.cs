using System.Text.Json;

namespace Tandem.Voice.Realtime.Protocol.Json;

internal static class RawJson
{
    public static string? StringProperty(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
