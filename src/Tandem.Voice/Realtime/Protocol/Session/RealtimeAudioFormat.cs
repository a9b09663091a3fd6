namespace Tandem.Voice.Realtime.Protocol;

/// <summary>
/// An audio format: <c>{"type":"audio/pcm","rate":24000}</c> (16-bit little-endian mono PCM at
/// 24 kHz, the only PCM rate), <c>{"type":"audio/pcmu"}</c> or <c>{"type":"audio/pcma"}</c> (G.711
/// µ-law / A-law, 8 kHz mono).
/// </summary>
public sealed record RealtimeAudioFormat : RealtimeWireObject
{
    public const string PcmType = "audio/pcm";
    public const string PcmuType = "audio/pcmu";
    public const string PcmaType = "audio/pcma";

    /// <summary><c>audio/pcm</c>, <c>audio/pcmu</c> or <c>audio/pcma</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Sample rate; 24000 for <c>audio/pcm</c>, absent for G.711.</summary>
    public int? Rate { get; set; }

    /// <summary>A new <c>{"type":"audio/pcm","rate":24000}</c>.</summary>
    public static RealtimeAudioFormat Pcm24kHz => new() { Type = PcmType, Rate = 24000 };

    /// <summary>A new <c>{"type":"audio/pcmu"}</c> (G.711 µ-law, 8 kHz).</summary>
    public static RealtimeAudioFormat Pcmu => new() { Type = PcmuType };

    /// <summary>A new <c>{"type":"audio/pcma"}</c> (G.711 A-law, 8 kHz).</summary>
    public static RealtimeAudioFormat Pcma => new() { Type = PcmaType };
}
