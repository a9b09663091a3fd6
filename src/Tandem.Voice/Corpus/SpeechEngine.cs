namespace Tandem.Voice.Corpus;

/// <summary>A speech synthesiser the corpus can use.</summary>
public enum SpeechEngine
{
    /// <summary><c>espeak-ng</c>; voices are its language/voice names (<c>en-us</c>, <c>en</c>, <c>en-gb-scotland</c>, …), with an optional <c>+variant</c>.</summary>
    EspeakNg,

    /// <summary><c>flite</c>; voices are <c>flite -lv</c> names (<c>kal</c>, <c>kal16</c>, <c>slt</c>, <c>rms</c>, <c>awb</c>).</summary>
    Flite,
}
