namespace Tandem.Voice.Entities;

/// <summary>What a word (or fixed phrase) of a transcript can mean, before context decides.</summary>
internal enum LexemeKind
{
    /// <summary>"uh", "um": never meaningful.</summary>
    Disfluency,

    /// <summary>Framing ("my", "number", "is", "I said").</summary>
    Filler,

    /// <summary>"no", "sorry", "I mean", "actually".</summary>
    Correction,

    /// <summary>"capital", "upper case", "lower case": the next letter is a letter, its case is irrelevant.</summary>
    CasePrefix,

    /// <summary>"double" (2), "triple"/"treble" (3), "quadruple" (4).</summary>
    Multiplier,

    /// <summary>A digit word ("five", "zero", "nought", "niner").</summary>
    Digit,

    /// <summary>"oh" or "o": the letter O or the digit 0.</summary>
    Oh,

    /// <summary>"ten" to "nineteen".</summary>
    Teen,

    /// <summary>"twenty" to "ninety".</summary>
    Tens,

    /// <summary>"hundred".</summary>
    Hundred,

    /// <summary>"thousand".</summary>
    Thousand,

    /// <summary>"and" (joins "two hundred and five"; otherwise filler).</summary>
    And,

    /// <summary>A letter: a single character, a letter name ("bee") or a NATO word.</summary>
    Letter,

    /// <summary>"as in" (also "for"/"like" after a letter, recognised by their text).</summary>
    OverrideIntro,

    /// <summary>"at", "dot", "underscore", "dash", "plus", "space", "apostrophe", ….</summary>
    Symbol,

    /// <summary>"to"/"too" (2), "for"/"fore" (4), "ate" (8), "won" (1): digits only between digits.</summary>
    Homophone,

    /// <summary>Already written by the recogniser: numerals, "555-0123", "AB12", "john.smith@example.com", "ABC".</summary>
    Written,

    /// <summary>Any other word.</summary>
    Word,
}
