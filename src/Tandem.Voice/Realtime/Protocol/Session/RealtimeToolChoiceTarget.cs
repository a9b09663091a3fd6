namespace Tandem.Voice.Realtime.Protocol;

/// <summary>The object form of <c>tool_choice</c>: <c>function</c> (name) or <c>mcp</c> (server_label, name).</summary>
public sealed record RealtimeToolChoiceTarget : RealtimeWireObject
{
    public string? Type { get; set; }

    public string? Name { get; set; }

    public string? ServerLabel { get; set; }
}
