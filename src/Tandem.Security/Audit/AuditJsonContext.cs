using System.Text.Json.Serialization;

namespace Tandem.Security.Audit;

/// <summary>
/// Source-generated JSON for audit lines. No encoder is set, so the default one applies: every
/// control character, every non-ASCII character (U+2028, bidi overrides, ...) and the HTML-sensitive
/// ones are written as <c>\uXXXX</c> escapes. A line is therefore plain printable ASCII, one line
/// whatever the input (S12), and its bytes are the same on every machine, which the hash relies on.
/// Reading is strict: an unknown member makes the record invalid rather than silently ignored.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(AuditLine))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
