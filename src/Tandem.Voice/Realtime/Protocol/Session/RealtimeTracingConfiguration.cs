using System.Text.Json;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary>The object form of <c>tracing</c>.</summary>
public sealed record RealtimeTracingConfiguration : RealtimeWireObject
{
    public string? WorkflowName { get; set; }

    public string? GroupId { get; set; }

    public JsonElement? Metadata { get; set; }
}
