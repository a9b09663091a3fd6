using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Voice.Harness;

/// <summary>The A/B report's JSON: snake_case, enums by name, indented (a file people read and diff).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AbReport))]
internal sealed partial class HarnessJsonContext : JsonSerializerContext
{
    /// <summary>Writes "+44…" as it is, not as \u002B: the report is data people read, never embedded in HTML.</summary>
    public static HarnessJsonContext Readable => LazyInitializer.EnsureInitialized(ref s_readable, () => new(new JsonSerializerOptions(Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }));

    private static HarnessJsonContext? s_readable;
}
