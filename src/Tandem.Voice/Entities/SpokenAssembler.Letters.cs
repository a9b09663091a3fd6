namespace Tandem.Voice.Entities;

/// <summary>Letters, "oh", and "X as in Y" overrides.</summary>
internal sealed partial class SpokenAssembler
{
    private int LetterAt(int i)
    {
        var x = _lexemes[i];
        if (TryOverride(i, out var letter, out var end))
        {
            return AddOverride(i, end, letter, x.Char);
        }

        // In names and emails "jay", "victor" or "mike" may be the word itself; they count as
        // letters only among other spelled letters (or after "capital"/"double").
        if (LettersMayBeWords && x.Source != LetterSource.Character && !InSpelledRun(i))
        {
            AddWordOrUnrecognised(x);
            return i + 1;
        }

        if (!AllowsLetters)
        {
            // "it's a five five five": the article, not a letter.
            Add(x.Spoken, "", x.Spoken is "a" ? TokenRole.Filler : TokenRole.Unrecognised);
            return i + 1;
        }

        Add(x.Spoken, Letters(x.Char), TokenRole.Letters);
        return i + 1;
    }

    private int OhAt(int i)
    {
        var x = _lexemes[i];
        if (TryOverride(i, out var letter, out var end))
        {
            return AddOverride(i, end, letter, 'O');
        }

        if (_kind == EntityKind.SpelledName)
        {
            Add(x.Spoken, "O", TokenRole.Letters);
            return i + 1;
        }

        Add(x.Spoken, "", TokenRole.Digits).OhCount = 1;
        return i + 1;
    }

    private int AddOverride(int i, int end, char letter, char heard)
    {
        var spoken = Spoken(i, end);
        if (!AllowsLetters)
        {
            Add(spoken, "", TokenRole.Unrecognised);
            return end;
        }

        var piece = Add(spoken, Letters(letter), TokenRole.Letters, usedOverride: true);
        if (char.ToUpperInvariant(heard) != letter)
        {
            // The recogniser heard one letter and the spelling word says another: the word decides
            // (it is the longer, more robust signal), but the disagreement is worth a confirmation.
            piece.Ambiguous = true;
            piece.Note = $"heard '{_lexemes[i].Spoken}' but '{Spoken(i + 1, end)}' says {letter}; the word after decides";
        }

        return end;
    }

    /// <summary>"as in bravo" with no letter before it (the recogniser dropped it): the word gives the letter.</summary>
    private int OverrideWithoutLetter(int i)
    {
        var x = _lexemes[i];
        if (i + 1 < _lexemes.Count && IsOverrideWord(_lexemes[i + 1], strict: false, out var letter) && AllowsLetters)
        {
            var spoken = Spoken(i, i + 2);
            if (_pieces.LastOrDefault(p => p.Role != TokenRole.Filler) is { Role: TokenRole.Characters or TokenRole.Letters, UsedOverride: false } last
                && last.Output.Length > 1 && char.IsLetter(last.Output[^1]))
            {
                // "AB as in boy": the recogniser wrote the letters together; the override is about the last one.
                var heard = last.Output[^1];
                last.Output = last.Output[..^1] + Letters(letter);
                last.AddNote($"'{spoken}' decided the last letter");
                var marker = Add(spoken, "", TokenRole.Filler, usedOverride: true);
                marker.Ambiguous = char.ToUpperInvariant(heard) != letter;
                return i + 2;
            }

            Add(spoken, Letters(letter), TokenRole.Letters, usedOverride: true).Note = "no letter before 'as in'; the word after decides";
            return i + 2;
        }

        Add(x.Spoken, "", TokenRole.Filler);
        return i + 1;
    }

    /// <summary>
    /// "B as in boy", "B for bravo", "B like bravo": the word after the intro decides the letter
    /// (its NATO/letter-name meaning, else its first letter). After "for"/"like" a number word does
    /// not count ("A for five" is more likely "A 4 5" than "A F").
    /// </summary>
    private bool TryOverride(int i, out char letter, out int end)
    {
        letter = '\0';
        end = i + 1;
        if (i + 2 >= _lexemes.Count)
        {
            return false;
        }

        var intro = _lexemes[i + 1];
        var strict = intro.Kind != LexemeKind.OverrideIntro;
        if (strict && intro.Spoken is not ("for" or "like"))
        {
            return false;
        }

        if (!IsOverrideWord(_lexemes[i + 2], strict, out letter))
        {
            return false;
        }

        end = i + 3;
        return true;
    }

    private static bool IsOverrideWord(Lexeme w, bool strict, out char letter)
    {
        letter = '\0';
        if (w.Kind is LexemeKind.Disfluency or LexemeKind.Correction or LexemeKind.OverrideIntro)
        {
            return false;
        }

        if (strict && (w.IsNumeric || w.Kind is LexemeKind.Hundred or LexemeKind.Thousand or LexemeKind.Homophone))
        {
            return false;
        }

        if (w.Kind == LexemeKind.Letter && w.Source != LetterSource.Character)
        {
            letter = w.Char;
            return true;
        }

        if (w.WordCount != 1 || w.Spoken.Length < 2 || !char.IsAsciiLetter(w.Spoken[0]) || w.Kind == LexemeKind.Oh)
        {
            return false;
        }

        letter = char.ToUpperInvariant(w.Spoken[0]);
        return true;
    }

    /// <summary>Whether the letter-or-word at <paramref name="i"/> stands among spelled letters.</summary>
    /// A name's apostrophe or hyphen stands inside the run ("oscar apostrophe november…" is O'N…).
    private bool InSpelledRun(int i)
    {
        var previous = Neighbour(i, -1);
        var next = Neighbour(i, +1);
        return previous is { IsSpellable: true } or { Kind: LexemeKind.CasePrefix or LexemeKind.Multiplier }
            || next is { IsSpellable: true };
    }

    /// <summary>The lexeme before or after <paramref name="i"/>, skipping disfluencies and a name's apostrophe or hyphen.</summary>
    private Lexeme? Neighbour(int i, int step)
    {
        for (var k = i + step; k >= 0 && k < _lexemes.Count; k += step)
        {
            var lexeme = _lexemes[k];
            if (lexeme.Kind == LexemeKind.Disfluency || lexeme is { Kind: LexemeKind.Symbol, Char: '\'' or '-' })
            {
                continue;
            }

            return lexeme;
        }

        return null;
    }
}
