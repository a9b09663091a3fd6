namespace Tandem.Voice.Corpus;

/// <summary>How a caller says a value. <see cref="SpokenRenderer.StylesFor"/> says which styles apply to which kind.</summary>
public enum SpokenStyle
{
    /// <summary>Each digit by name, zero as "zero": "five five five zero one two three".</summary>
    Digits,

    /// <summary>Each digit by name, zero as "oh": "five five five oh one two three".</summary>
    OhForZero,

    /// <summary>Repeats collapsed within a group: "double five", "triple oh", "M A double L".</summary>
    DoubleTriple,

    /// <summary>Digit groups separated by commas (pauses): phone 3-3-4 (US) or 5-3-3 (UK), card 4-4-4-4, codes 3/4.</summary>
    Grouped,

    /// <summary>Digits in pairs within groups: "four fifteen, five fifty-five, oh one twenty-three"; "seventy-seven hundred".</summary>
    Pairs,

    /// <summary>Plain letter names (upper case) and digit names: "B seven K".</summary>
    Letters,

    /// <summary>NATO/ICAO words for letters: "bravo seven kilo".</summary>
    Nato,

    /// <summary>"B as in boy", words from a list of common words (names, objects and some NATO words).</summary>
    AsIn,

    /// <summary>An email said as words: "john dot smith at example dot com", "underscore", "dash".</summary>
    EmailWords,

    /// <summary>An email with its local part spelled: "J O H N dot S M I T H at example dot com".</summary>
    SpelledEmail,
}
