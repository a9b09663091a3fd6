namespace Tandem.Voice.Recognition;

/// <summary>Speech began (Realtime <c>input_audio_buffer.speech_started</c>).</summary>
/// <param name="AudioStartMs">Where the segment begins: the detected start less the prefix padding (never before the previous segment's end).</param>
public sealed record SpeechStarted(long AudioStartMs) : VoiceActivityEvent;
