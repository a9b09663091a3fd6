namespace Tandem.Voice.Fallbacks;

/// <summary>How a candidate value reached the agent.</summary>
public enum CaptureSource
{
    /// <summary>The caller said the whole value; the model captured it (a tool call's arguments).</summary>
    Voice,

    /// <summary>The caller said the value in parts, each captured on its own and joined.</summary>
    VoiceInParts,

    /// <summary>A second recogniser transcribed the audio of a voice attempt again.</summary>
    SecondAsr,

    /// <summary>The caller typed it on the keypad (DTMF).</summary>
    Keypad,
}
