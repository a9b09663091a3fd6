namespace Tandem.Voice.Realtime.Protocol;

/// <summary>
/// <c>response</c> of <c>response.create</c>: per-response overrides of the session. With
/// <see cref="Conversation"/> <c>"none"</c> and its own <see cref="Input"/>, a response runs out of
/// band (nothing is added to the conversation) — e.g. a second transcription of the user's audio.
/// </summary>
public sealed record RealtimeResponseCreateOptions : RealtimeWireObject
{
    /// <summary><c>auto</c> (the default conversation) or <c>none</c> (out of band).</summary>
    public string? Conversation { get; set; }

    public List<string>? OutputModalities { get; set; }

    public string? Instructions { get; set; }

    public List<RealtimeTool>? Tools { get; set; }

    public RealtimeToolChoice? ToolChoice { get; set; }

    /// <summary>A fresh context for this response (items or <c>item_reference</c>s); <c>[]</c> clears it.</summary>
    public List<RealtimeConversationItem>? Input { get; set; }

    /// <summary>Up to 16 string pairs, echoed on the response: tells simultaneous responses apart.</summary>
    public Dictionary<string, string>? Metadata { get; set; }

    public RealtimeMaxOutputTokens? MaxOutputTokens { get; set; }

    public RealtimeAudioConfig? Audio { get; set; }

    public RealtimePrompt? Prompt { get; set; }
}
