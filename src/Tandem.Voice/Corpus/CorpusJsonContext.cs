using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Voice.Corpus;

/// <summary>The corpus manifest's JSON: one compact object per line, snake_case, enums by name, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = false,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CorpusSample))]
internal sealed partial class CorpusJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Writes "+44…" and "it's" as they are rather than as \u002B and \u0027: the manifest is a data file people read
    /// and grep, never embedded in HTML, so the default encoder's HTML-safe escaping only gets in the way.
    /// </summary>
    /// <remarks>Built on first use: a static initialiser here could run before the generated <c>Default</c> exists.</remarks>
    public static CorpusJsonContext Readable => LazyInitializer.EnsureInitialized(ref s_readable, () => new(new JsonSerializerOptions(Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }));

    private static CorpusJsonContext? s_readable;
}
