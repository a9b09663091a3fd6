namespace Tandem.Voice.Entities;

/// <summary>Gives each word (or fixed phrase, longest first) its context-free meaning.</summary>
internal static class SpokenLexer
{
    private const int LongestPhrase = 4;

    public static List<Lexeme> Lex(IReadOnlyList<SpokenWord> words)
    {
        var lexemes = new List<Lexeme>(words.Count);
        var i = 0;
        while (i < words.Count)
        {
            var pauseBefore = i > 0 && words[i - 1].PauseAfter;
            var lexeme = MatchPhrase(words, i) ?? Classify(words, i);
            var last = words[i + lexeme.WordCount - 1];
            lexemes.Add(lexeme with { PauseBefore = pauseBefore, PauseAfter = last.PauseAfter });
            i += lexeme.WordCount;
        }

        return lexemes;
    }

    private static Lexeme? MatchPhrase(IReadOnlyList<SpokenWord> words, int i)
    {
        for (var n = Math.Min(LongestPhrase, words.Count - i); n >= 2; n--)
        {
            var key = string.Join(' ', Enumerable.Range(i, n).Select(k => words[k].Text));
            if (SpokenVocabulary.Phrases.TryGetValue(key, out var phrase))
            {
                return phrase with { Raw = string.Join(' ', Enumerable.Range(i, n).Select(k => words[k].Raw)) };
            }
        }

        return null;
    }

    private static Lexeme Classify(IReadOnlyList<SpokenWord> words, int i)
    {
        var (raw, text, _) = words[i];
        if (SpokenVocabulary.Disfluencies.Contains(text))
        {
            return new Lexeme(LexemeKind.Disfluency, text, raw);
        }

        if (text is "oh" or "o")
        {
            return new Lexeme(LexemeKind.Oh, text, raw, Char: 'O');
        }

        if (SpokenVocabulary.Digits.TryGetValue(text, out var digit))
        {
            return new Lexeme(LexemeKind.Digit, text, raw, Value: digit);
        }

        if (SpokenVocabulary.Teens.TryGetValue(text, out var teen))
        {
            return new Lexeme(LexemeKind.Teen, text, raw, Value: teen);
        }

        if (SpokenVocabulary.Tens.TryGetValue(text, out var tens))
        {
            return new Lexeme(LexemeKind.Tens, text, raw, Value: tens);
        }

        if (text is "hundred" or "thousand")
        {
            return new Lexeme(text == "hundred" ? LexemeKind.Hundred : LexemeKind.Thousand, text, raw);
        }

        if (text == "and")
        {
            return new Lexeme(LexemeKind.And, text, raw);
        }

        if (SpokenVocabulary.Multipliers.TryGetValue(text, out var times))
        {
            return new Lexeme(LexemeKind.Multiplier, text, raw, Value: times);
        }

        if (text.Length == 1 && char.IsAsciiLetter(text[0]))
        {
            return new Lexeme(LexemeKind.Letter, text, raw, Char: char.ToUpperInvariant(text[0]));
        }

        if (SpokenVocabulary.Nato.TryGetValue(text, out var nato))
        {
            return new Lexeme(LexemeKind.Letter, text, raw, Char: nato, Source: LetterSource.Nato);
        }

        // "be" after a modal is the verb ("it should be"), not B.
        if (SpokenVocabulary.LetterNames.TryGetValue(text, out var letter) && !(text == "be" && i > 0 && SpokenVocabulary.Modals.Contains(words[i - 1].Text)))
        {
            return new Lexeme(LexemeKind.Letter, text, raw, Char: letter, Source: LetterSource.Name);
        }

        if (SpokenVocabulary.Symbols.TryGetValue(text, out var symbol))
        {
            return new Lexeme(LexemeKind.Symbol, text, raw, Char: symbol);
        }

        if (SpokenVocabulary.CorrectionWords.Contains(text))
        {
            return new Lexeme(LexemeKind.Correction, text, raw);
        }

        if (SpokenVocabulary.CasePrefixes.Contains(text))
        {
            return new Lexeme(LexemeKind.CasePrefix, text, raw);
        }

        if (SpokenVocabulary.Homophones.TryGetValue(text, out var homophone))
        {
            return new Lexeme(LexemeKind.Homophone, text, raw, Value: homophone);
        }

        // "email's", "name's": a framing word with "is" attached is framing too.
        if (SpokenVocabulary.Fillers.Contains(text) || (text.EndsWith("'s", StringComparison.Ordinal) && SpokenVocabulary.Fillers.Contains(text[..^2])))
        {
            return new Lexeme(LexemeKind.Filler, text, raw);
        }

        return IsWritten(raw)
            ? new Lexeme(LexemeKind.Written, text, raw)
            : new Lexeme(LexemeKind.Word, text, raw);
    }

    // Already-written values: anything with a digit, an address, or capitals the recogniser used
    // for spelled letters ("ABC").
    private static bool IsWritten(string raw) =>
        raw.Any(char.IsAsciiDigit) || raw.Contains('@', StringComparison.Ordinal) || raw.StartsWith('+')
        || (raw.Length >= 2 && raw.All(char.IsAsciiLetterUpper));
}
