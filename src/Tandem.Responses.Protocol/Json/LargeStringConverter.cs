using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol.Json;

/// <summary>A string field that may be long and resent unchanged (see <see cref="LargeStringCache"/>); read through <see cref="RecentText"/>.</summary>
internal sealed class LargeStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => RecentText.Read(ref reader); // a part's text repeats the done events' (RecentText)

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => LargeStringCache.WriteString(writer, value);
}
