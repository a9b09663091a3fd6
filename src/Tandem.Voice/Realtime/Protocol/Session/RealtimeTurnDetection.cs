namespace Tandem.Voice.Realtime.Protocol;

/// <summary>
/// <c>audio.input.turn_detection</c>: <c>server_vad</c> (threshold, padding, silence, idle timeout)
/// or <c>semantic_vad</c> (eagerness). To turn detection off, send <c>null</c>
/// (<see cref="RealtimeAudioInputConfig.DisableTurnDetection"/>).
/// </summary>
public sealed record RealtimeTurnDetection : RealtimeWireObject
{
    public const string ServerVadType = "server_vad";
    public const string SemanticVadType = "semantic_vad";

    public string Type { get; set; } = ServerVadType;

    /// <summary>server_vad: activation threshold, 0.0–1.0 (default 0.5).</summary>
    public double? Threshold { get; set; }

    /// <summary>server_vad: audio kept before detected speech (default 300 ms).</summary>
    public int? PrefixPaddingMs { get; set; }

    /// <summary>server_vad: silence that ends a turn (default 500 ms); lengthen it while collecting codes.</summary>
    public int? SilenceDurationMs { get; set; }

    /// <summary>server_vad: after this much silence following a response, the server prompts the user.</summary>
    public int? IdleTimeoutMs { get; set; }

    public bool? CreateResponse { get; set; }

    public bool? InterruptResponse { get; set; }

    /// <summary>semantic_vad: <c>low</c>, <c>medium</c>, <c>high</c> or <c>auto</c>.</summary>
    public string? Eagerness { get; set; }

    /// <summary>A <c>server_vad</c> with the given settings (unset ones keep the server's defaults).</summary>
    public static RealtimeTurnDetection ServerVad(
        double? threshold = null,
        int? prefixPaddingMs = null,
        int? silenceDurationMs = null,
        bool? createResponse = null,
        bool? interruptResponse = null,
        int? idleTimeoutMs = null) => new()
        {
            Type = ServerVadType,
            Threshold = threshold,
            PrefixPaddingMs = prefixPaddingMs,
            SilenceDurationMs = silenceDurationMs,
            CreateResponse = createResponse,
            InterruptResponse = interruptResponse,
            IdleTimeoutMs = idleTimeoutMs,
        };

    /// <summary>A <c>semantic_vad</c>; a lower <paramref name="eagerness"/> waits longer for the speaker.</summary>
    public static RealtimeTurnDetection SemanticVad(string? eagerness = null, bool? createResponse = null, bool? interruptResponse = null) => new()
    {
        Type = SemanticVadType,
        Eagerness = eagerness,
        CreateResponse = createResponse,
        InterruptResponse = interruptResponse,
    };
}
