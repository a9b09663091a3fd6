namespace Tandem.Voice.Entities;

/// <summary>
/// Splits a transcript into words: whitespace separates, punctuation around a word is stripped
/// (and remembered as a pause), spelled forms the recogniser joined ("j-o-h-n", "A.B.C",
/// "fifty-five") are split back into their words. Punctuation inside a word is kept, so written
/// values ("555-0123", "john.smith@example.com", "O'Brien") survive whole.
/// </summary>
internal static class TranscriptTokenizer
{
    private const string LeadingPunctuation = "\"'“”([{<";
    private const string TrailingPunctuation = ".,;:!?\"'“”)]}>…";
    private const string PausePunctuation = ".,;:!?…";

    public static List<SpokenWord> Tokenize(string transcript, bool email)
    {
        var words = new List<SpokenWord>();

        // Typographic apostrophes ("it’s", "O’Brien") become the ASCII one the vocabulary uses.
        transcript = transcript.Replace('’', '\'').Replace('‘', '\'');
        foreach (var piece in transcript.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var start = 0;
            var end = piece.Length;
            while (start < end && LeadingPunctuation.Contains(piece[start], StringComparison.Ordinal))
            {
                start++;
            }

            var pause = false;
            while (end > start && TrailingPunctuation.Contains(piece[end - 1], StringComparison.Ordinal))
            {
                pause |= PausePunctuation.Contains(piece[end - 1], StringComparison.Ordinal);
                end--;
            }

            var raw = piece[start..end];
            if (raw.Length == 0 || IsPunctuationOnly(raw))
            {
                // A bare "," or "—" is a pause after the previous word, not a word.
                MarkPause(words);
                continue;
            }

            Split(raw, pause, email, words);
        }

        return words;
    }

    private static void Split(string raw, bool pauseAfter, bool email, List<SpokenWord> words)
    {
        var text = raw.ToLowerInvariant();
        if (text == "-" || text.Contains('@', StringComparison.Ordinal) || SpokenVocabulary.IsWholeHyphenated(text))
        {
            words.Add(new SpokenWord(raw, text, pauseAfter));
            return;
        }

        // Spelled letters joined by the recogniser: "j-o-h-n", "A.B.C" (dots only outside emails,
        // where "j.smith" is a real address part).
        foreach (var separator in email ? "-" : "-.")
        {
            var parts = raw.Split(separator, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts.All(p => p.Length == 1 && char.IsAsciiLetterOrDigit(p[0])))
            {
                AddParts(parts, pauseAfter, words);
                return;
            }
        }

        // "fifty-five", "twenty-three", "double-five": every part a word the normaliser knows.
        var hyphenParts = raw.Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (hyphenParts.Length >= 2 && hyphenParts.All(p => IsKnownWord(p.ToLowerInvariant())))
        {
            AddParts(hyphenParts, pauseAfter, words);
            return;
        }

        words.Add(new SpokenWord(raw, text, pauseAfter));
    }

    private static void AddParts(string[] parts, bool pauseAfter, List<SpokenWord> words)
    {
        for (var i = 0; i < parts.Length; i++)
        {
            words.Add(new SpokenWord(parts[i], parts[i].ToLowerInvariant(), pauseAfter && i == parts.Length - 1));
        }
    }

    private static bool IsKnownWord(string text) =>
        SpokenVocabulary.Digits.ContainsKey(text) || SpokenVocabulary.Teens.ContainsKey(text) || SpokenVocabulary.Tens.ContainsKey(text)
        || SpokenVocabulary.Multipliers.ContainsKey(text) || SpokenVocabulary.LetterNames.ContainsKey(text) || SpokenVocabulary.Nato.ContainsKey(text)
        || text is "oh" or "o" or "hundred" or "thousand";

    private static bool IsPunctuationOnly(string raw) => raw != "-" && raw != "+" && raw != "@" && raw.All(c => char.IsPunctuation(c) || char.IsSymbol(c));

    private static void MarkPause(List<SpokenWord> words)
    {
        if (words.Count > 0)
        {
            words[^1] = words[^1] with { PauseAfter = true };
        }
    }
}
