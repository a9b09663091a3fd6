using System.Text.Json.Serialization;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary>
/// A Realtime session's configuration (<c>session</c> of <c>session.update</c>,
/// <c>session.created</c> and <c>session.updated</c>). In an update, only the fields that are set
/// change; a field set to an explicit <c>null</c> (<see cref="DisableTracing"/>,
/// <see cref="RealtimeAudioInputConfig.DisableTurnDetection"/>…) is cleared. The server answers with
/// the whole effective configuration, which also carries <see cref="Id"/>, <see cref="ObjectType"/>
/// and <see cref="ExpiresAt"/>.
/// </summary>
public sealed record RealtimeSessionConfig : RealtimeWireObject
{
    public const string RealtimeType = "realtime";
    public const string TranscriptionType = "transcription";

    /// <summary><c>realtime</c> (a conversation session) or <c>transcription</c>.</summary>
    [JsonPropertyOrder(-10)]
    public string Type { get; set; } = RealtimeType;

    /// <summary><c>realtime.session</c> in the server's copies.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    public string? Id { get; set; }

    /// <summary>The model, e.g. <c>gpt-realtime-1.5</c>; chosen at connect time (the URL's <c>model</c>).</summary>
    public string? Model { get; set; }

    /// <summary><c>["audio"]</c> (audio plus its transcript) or <c>["text"]</c>.</summary>
    public List<string>? OutputModalities { get; set; }

    public string? Instructions { get; set; }

    public List<RealtimeTool>? Tools { get; set; }

    public RealtimeToolChoice? ToolChoice { get; set; }

    public RealtimeMaxOutputTokens? MaxOutputTokens { get; set; }

    /// <summary><c>"auto"</c>, a configuration, or <c>null</c> (off: <see cref="DisableTracing"/>).</summary>
    public RealtimeTracing? Tracing { get; set; }

    /// <summary><c>"auto"</c>, <c>"disabled"</c> or a retention-ratio strategy.</summary>
    public RealtimeTruncation? Truncation { get; set; }

    public RealtimePrompt? Prompt { get; set; }

    /// <summary>When the server ends the session, in Unix seconds (server copies only).</summary>
    public long? ExpiresAt { get; set; }

    public RealtimeAudioConfig? Audio { get; set; }

    /// <summary>Extra server output, e.g. <c>item.input_audio_transcription.logprobs</c>.</summary>
    public List<string>? Include { get; set; }

    /// <summary>Reasoning effort of reasoning-capable Realtime models.</summary>
    public RealtimeReasoning? Reasoning { get; set; }

    /// <summary>Whether a reasoning-capable model may call several tools at once.</summary>
    public bool? ParallelToolCalls { get; set; }

    /// <summary>Sends <c>"tracing": null</c>, which turns tracing off; returns this configuration.</summary>
    public RealtimeSessionConfig DisableTracing()
    {
        Tracing = null;
        SetExplicitNull("tracing");
        return this;
    }
}
