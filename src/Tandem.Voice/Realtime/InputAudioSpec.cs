using NAudio.Wave;
using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Voice.Realtime;

/// <summary>What the session's input format asks of the audio sent: sample rate and bytes per sample (always mono).</summary>
internal sealed record InputAudioSpec(string Type, int SampleRate, int BytesPerSample)
{
    public int BytesPerSecond => SampleRate * BytesPerSample;

    public string Requirement => Type == RealtimeAudioFormat.PcmType
        ? $"{SampleRate} Hz 16-bit mono little-endian PCM"
        : $"{SampleRate} Hz mono G.711 {(Type == RealtimeAudioFormat.PcmuType ? "µ-law" : "A-law")}";

    /// <summary>The spec of <paramref name="format"/>; null (no session yet) is <c>audio/pcm</c> at 24 kHz.</summary>
    public static InputAudioSpec For(RealtimeAudioFormat? format)
    {
        var type = format?.Type ?? RealtimeAudioFormat.PcmType;
        return type switch
        {
            RealtimeAudioFormat.PcmType => new InputAudioSpec(type, format?.Rate ?? 24000, 2),
            RealtimeAudioFormat.PcmuType or RealtimeAudioFormat.PcmaType => new InputAudioSpec(type, 8000, 1),
            _ => throw new NotSupportedException($"The input audio format '{type}' is not one StreamAudioAsync can send (audio/pcm, audio/pcmu, audio/pcma)."),
        };
    }

    public int BytesFor(TimeSpan duration)
    {
        var samples = Math.Max(1, (long)Math.Round(duration.TotalSeconds * SampleRate));
        return checked((int)(samples * BytesPerSample));
    }

    public TimeSpan DurationOf(long bytes) => TimeSpan.FromSeconds(bytes / (double)BytesPerSecond);

    /// <summary>Throws when a WAV file's format is not this one, saying what it is and what is needed.</summary>
    public void Check(WaveFormat wav, string fileName)
    {
        var encodingOk = Type switch
        {
            RealtimeAudioFormat.PcmType => wav.Encoding is WaveFormatEncoding.Pcm or WaveFormatEncoding.Extensible && wav.BitsPerSample == 16,
            RealtimeAudioFormat.PcmuType => wav.Encoding == WaveFormatEncoding.MuLaw,
            _ => wav.Encoding == WaveFormatEncoding.ALaw,
        };
        if (encodingOk && wav.SampleRate == SampleRate && wav.Channels == 1)
        {
            return;
        }

        throw new ArgumentException(
            $"'{fileName}' is {wav.SampleRate} Hz, {wav.BitsPerSample}-bit, {wav.Channels} channel(s), {wav.Encoding}; the session's input format {Type} needs {Requirement}. "
            + "Convert the audio first (resample to 24 kHz 16-bit mono for audio/pcm, or 8 kHz mono G.711 for audio/pcmu and audio/pcma), or change audio.input.format with UpdateSessionAsync.");
    }
}
