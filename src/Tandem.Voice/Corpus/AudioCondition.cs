namespace Tandem.Voice.Corpus;

/// <summary>The acoustic condition a corpus sample is rendered in. Every condition ends as 24 kHz PCM16 mono.</summary>
public enum AudioCondition
{
    /// <summary>The synthesiser's output, resampled.</summary>
    Clean,

    /// <summary>White noise (generated from the seed) mixed in at <see cref="CorpusOptions.NoiseSnrDb"/>.</summary>
    Noisy,

    /// <summary>Band-limited to 300–3400 Hz, 8 kHz G.711 µ-law round trip, then back to 24 kHz.</summary>
    Telephone,
}
