using System.Text.Json;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>prompt</c>: a stored prompt template (id, version) and its variables.</summary>
public sealed record RealtimePrompt : RealtimeWireObject
{
    public string? Id { get; set; }

    public string? Version { get; set; }

    public Dictionary<string, JsonElement>? Variables { get; set; }
}
