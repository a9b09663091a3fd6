namespace Tandem.Voice.Entities;

/// <summary>What happened while normalising; fallback policies use these to decide to confirm or re-ask.</summary>
[Flags]
public enum NormalizationFlags
{
    /// <summary>Nothing notable.</summary>
    None = 0,

    /// <summary>An "X as in Y" / "X for Y" / "X like Y" decided a letter (the word after decides).</summary>
    UsedSpelledOverride = 1 << 0,

    /// <summary>At least one unit had more than one reading; see <see cref="NormalizationResult.AmbiguousTokens"/>.</summary>
    AmbiguousTokens = 1 << 1,

    /// <summary>Words that are neither value nor filler for the kind were dropped; see <see cref="NormalizationResult.UnrecognisedWords"/>.</summary>
    UnrecognisedWords = 1 << 2,

    /// <summary>A correction ("five five, no, six") replaced a unit.</summary>
    CorrectionApplied = 1 << 3,

    /// <summary>A code character outside the code alphabet was mapped to its look-alike inside it (O→0, I→1, L→1, 0→O, 1→I).</summary>
    MappedToAlphabet = 1 << 4,

    /// <summary>A name was said but not spelled, so the whole words were used.</summary>
    UsedWholeWords = 1 << 5,
}
