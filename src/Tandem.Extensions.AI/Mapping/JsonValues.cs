using System.Buffers;
using System.Text.Json;

namespace Tandem.Extensions.AI.Mapping;

/// <summary>Small JSON values for the request's raw fields, written by hand so no reflection is needed.</summary>
internal static class JsonValues
{
    public static JsonElement Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    public static JsonElement String(string value) => Build(w => w.WriteStringValue(value));

    public static bool? Flag(IReadOnlyDictionary<string, object?>? properties, string key) =>
        properties is not null && properties.TryGetValue(key, out var value) ? value switch
        {
            bool b => b,
            JsonElement { ValueKind: JsonValueKind.True } => true,
            JsonElement { ValueKind: JsonValueKind.False } => false,
            _ => null,
        } : null;

    public static string? Text(IReadOnlyDictionary<string, object?>? properties, string key) =>
        properties is not null && properties.TryGetValue(key, out var value) ? value switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            _ => null,
        } : null;
}
