namespace Tandem.Voice.Corpus;

/// <summary>The command-line speech tools the corpus generator drives.</summary>
public enum SpeechTool
{
    /// <summary><c>espeak-ng</c>: formant synthesiser with many English accents.</summary>
    EspeakNg,

    /// <summary><c>flite</c>: CMU's small diphone/clustergen synthesiser (kal, slt, rms, awb).</summary>
    Flite,

    /// <summary><c>sox</c>: resampling, band-limiting and tempo changes.</summary>
    Sox,
}
