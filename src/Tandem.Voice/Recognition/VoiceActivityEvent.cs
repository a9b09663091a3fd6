namespace Tandem.Voice.Recognition;

/// <summary>What the voice activity detector noticed; times count from the first sample it was given.</summary>
public abstract record VoiceActivityEvent;
