namespace Tandem.Voice.Corpus;

/// <summary>How a speed other than 1 is produced.</summary>
public enum SpeedMethod
{
    /// <summary>The synthesiser's own rate (espeak-ng <c>-s</c> words per minute, flite <c>duration_stretch</c>): natural prosody.</summary>
    Synthesizer,

    /// <summary>sox <c>tempo -s</c> on the synthesised audio: the same voice, time-stretched without a pitch change.</summary>
    SoxTempo,
}
