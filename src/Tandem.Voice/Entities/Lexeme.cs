namespace Tandem.Voice.Entities;

/// <summary>A word or fixed phrase of a transcript with its context-free meaning.</summary>
/// <param name="Kind">The meaning class.</param>
/// <param name="Spoken">The lower-case words ("double you").</param>
/// <param name="Raw">The text as the recogniser wrote it (case kept), punctuation around it stripped.</param>
/// <param name="Value">Digit, teen, tens or multiplier value.</param>
/// <param name="Char">The letter (upper case) or symbol.</param>
/// <param name="Source">How a letter was said.</param>
/// <param name="WordCount">How many transcript words the lexeme spans.</param>
/// <param name="PauseBefore">A comma, period or similar came right before it.</param>
/// <param name="PauseAfter">A comma, period or similar came right after it.</param>
internal sealed record Lexeme(
    LexemeKind Kind,
    string Spoken,
    string Raw,
    int Value = 0,
    char Char = '\0',
    LetterSource Source = LetterSource.Character,
    int WordCount = 1,
    bool PauseBefore = false,
    bool PauseAfter = false)
{
    /// <summary>Whether this can stand for a number on its own or start one.</summary>
    public bool IsNumeric => Kind is LexemeKind.Digit or LexemeKind.Oh or LexemeKind.Teen or LexemeKind.Tens or LexemeKind.Multiplier
        || (Kind == LexemeKind.Written && Raw.Any(char.IsAsciiDigit));

    /// <summary>Whether this is something a speller says: a letter of any source or "oh".</summary>
    public bool IsSpellable => Kind is LexemeKind.Letter or LexemeKind.Oh;
}
