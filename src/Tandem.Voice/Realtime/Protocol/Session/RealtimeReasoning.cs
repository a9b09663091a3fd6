namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>reasoning</c> of reasoning-capable Realtime models: <c>effort</c>.</summary>
public sealed record RealtimeReasoning : RealtimeWireObject
{
    public string? Effort { get; set; }
}
