using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Voice.Realtime;

/// <summary>Options of <see cref="RealtimeClient.StreamAudioAsync(Stream, AudioStreamOptions?, CancellationToken)"/>.</summary>
public sealed record AudioStreamOptions
{
    /// <summary>Audio per <c>input_audio_buffer.append</c> (default 100 ms).</summary>
    public TimeSpan ChunkDuration { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Default <see cref="AudioPacing.RealTime"/>.</summary>
    public AudioPacing Pacing { get; init; } = AudioPacing.RealTime;

    /// <summary>
    /// The format of a raw stream; null means the session's input format. It must match the session's
    /// input format (<c>audio/pcm</c>: 24 kHz 16-bit mono little-endian; <c>audio/pcmu</c>,
    /// <c>audio/pcma</c>: 8 kHz mono G.711). WAV files carry their own format.
    /// </summary>
    public RealtimeAudioFormat? Format { get; init; }
}
