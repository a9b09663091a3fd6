using System.Text;
using System.Text.RegularExpressions;

namespace Tandem.Voice.Corpus;

public static partial class SpokenRenderer
{
    /// <summary>
    /// "john dot smith at example dot com" (<see cref="SpokenStyle.EmailWords"/>: known name words said as words,
    /// anything else spelled, numbers as numbers) or "J O H N dot S M I T H at example dot com"
    /// (<see cref="SpokenStyle.SpelledEmail"/>: the local part spelled, digits one by one).
    /// </summary>
    private static string RenderEmail(string value, SpokenStyle style)
    {
        var match = Email().Match(value);
        if (!match.Success)
        {
            throw NotCanonical(Entities.EntityKind.Email, value, "a lower-case address: letters, digits, '.', '_', '-' before '@', a dotted domain after");
        }

        var spoken = new StringBuilder();
        foreach (var part in LocalParts().Matches(match.Groups["local"].Value).Select(m => m.Value))
        {
            AppendWord(spoken, part switch
            {
                "." => "dot",
                "_" => "underscore",
                "-" => "dash",
                _ when char.IsAsciiDigit(part[0]) => style == SpokenStyle.SpelledEmail ? Spell(part) : NumberWords(part),
                _ => style == SpokenStyle.SpelledEmail ? Spell(part) : SayLetters(part),
            });
        }

        AppendWord(spoken, "at");
        AppendWord(spoken, string.Join(" dot ", match.Groups["domain"].Value.Split('.').Select(SayDomainLabel)));
        return spoken.ToString();
    }

    /// <summary>A run of letters as the fewest known words, spelling whatever is not a word (jsmith → "J smith").</summary>
    private static string SayLetters(string letters)
    {
        // best[i] = the fewest spoken tokens covering letters[..i]; a spelled letter costs more than a word.
        var best = new int[letters.Length + 1];
        var step = new string?[letters.Length + 1];
        Array.Fill(best, int.MaxValue);
        best[0] = 0;
        for (var i = 0; i < letters.Length; i++)
        {
            if (best[i] == int.MaxValue)
            {
                continue;
            }

            foreach (var word in EntityWordLists.EmailWords)
            {
                var end = i + word.Length;
                if (end <= letters.Length && string.CompareOrdinal(letters, i, word, 0, word.Length) == 0 && best[i] + 1 < best[end])
                {
                    best[end] = best[i] + 1;
                    step[end] = word;
                }
            }

            if (best[i] + 3 < best[i + 1])
            {
                best[i + 1] = best[i] + 3;
                step[i + 1] = null;
            }
        }

        var tokens = new List<string>();
        for (var end = letters.Length; end > 0;)
        {
            var word = step[end];
            tokens.Add(word ?? char.ToUpperInvariant(letters[end - 1]).ToString());
            end -= word?.Length ?? 1;
        }

        tokens.Reverse();
        return string.Join(" ", tokens);
    }

    // Domain labels are words ("example", "com"); a label with digits or hyphens is said piece by piece.
    private static string SayDomainLabel(string label) =>
        string.Join(" dash ", label.Split('-').Select(p => p.All(char.IsAsciiLetter) ? p : Spell(p)));

    [GeneratedRegex(@"^(?<local>[a-z0-9._-]+)@(?<domain>[a-z0-9-]+(\.[a-z0-9-]+)+)$")]
    private static partial Regex Email();

    [GeneratedRegex(@"[a-z]+|[0-9]+|[._-]")]
    private static partial Regex LocalParts();
}
