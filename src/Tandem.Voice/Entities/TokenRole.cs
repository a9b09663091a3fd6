namespace Tandem.Voice.Entities;

/// <summary>What a spoken unit contributed to a normalised value.</summary>
public enum TokenRole
{
    /// <summary>One or more digits ("five", "double oh", "twenty three", "555-0123").</summary>
    Digits,

    /// <summary>One or more letters ("b", "bee", "bravo", "b as in boy", "double l").</summary>
    Letters,

    /// <summary>Letters and digits already written together by the recogniser ("AB12", "SW1A").</summary>
    Characters,

    /// <summary>A symbol that is part of the value ("at" → @, "dot" → ., "plus" → + at the start of a phone number, "apostrophe" in a name).</summary>
    Symbol,

    /// <summary>A whole word kept as written (email parts; a name said but not spelled).</summary>
    Word,

    /// <summary>A spoken separator that is not part of the value ("dash" in a phone number, "space" in a code).</summary>
    Separator,

    /// <summary>Filler or framing ("my number is", "uh", "I said", "capital"), ignored.</summary>
    Filler,

    /// <summary>A correction marker ("no", "sorry", "I mean") that replaced the unit before it.</summary>
    Correction,

    /// <summary>A unit a later correction replaced; it contributes nothing.</summary>
    Corrected,

    /// <summary>A word that is neither value nor filler for this kind, dropped (see <see cref="NormalizationFlags.UnrecognisedWords"/>).</summary>
    Unrecognised,
}
