using System.Text.Json.Serialization;
using Tandem.Server.Backends;

namespace Tandem.Server.Operations;

/// <summary>Source-generated JSON for the server's own files (profiles, scenarios).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(LatencyProfile))]
[JsonSerializable(typeof(Scenario))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
