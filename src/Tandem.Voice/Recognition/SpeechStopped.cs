namespace Tandem.Voice.Recognition;

/// <summary>Speech ended (Realtime <c>input_audio_buffer.speech_stopped</c>), with the segment to transcribe.</summary>
/// <param name="AudioStartMs">Where the segment begins (as reported by <see cref="SpeechStarted"/>).</param>
/// <param name="AudioEndMs">Where it ends: after the closing silence, or where the audio was flushed.</param>
/// <param name="Audio">The segment's samples, prefix padding and closing silence included.</param>
public sealed record SpeechStopped(long AudioStartMs, long AudioEndMs, ReadOnlyMemory<short> Audio) : VoiceActivityEvent;
